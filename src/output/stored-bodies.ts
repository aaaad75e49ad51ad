/**
 * The prepared bodies of a production build, kept in the cache file the build is writing
 * (src/output/render-cache.ts) rather than in memory: each body is written as soon as it is
 * prepared, or copied from the replaced version's cache when its title, text and photos are
 * unchanged, and read back only when a page shows it. The renderer then holds no body it is not
 * drawing: at 100,000 notices the bodies are about 1 GB of strings, which its heap held to the
 * end of the build.
 */
import { bodyKey, prepareNoticeBodies } from "../notice-body.ts";
import type { BodySource, NoticeBody } from "../notice-body.ts";
import { bodySourceDigest, photosOf } from "../preview/body-cache.ts";
import { RenderCacheWriter } from "./render-cache.ts";
import type { RenderCache, StoredBodyEntry } from "./render-cache.ts";

/** Where each stored body is in the cache file being written. */
const entries = new WeakMap<NoticeBody, StoredBodyEntry>();

/** A body in the cache file being written: its HTML and search terms are read when asked for. */
function storedBody(writer: RenderCacheWriter, entry: StoredBodyEntry): NoticeBody {
  const body: NoticeBody = {
    get html() {
      return writer.read(entry).html;
    },
    get searchTerms() {
      return writer.read(entry).searchTerms;
    },
    digest: entry.digest,
    ...(entry.image ? { image: entry.image } : {}),
    ...(entry.photoFiles ? { photoFiles: entry.photoFiles } : {}),
  };
  entries.set(body, entry);
  return body;
}

/** Bodies copied from the replaced version's cache at once (reads of a few kB each). */
const COPIES_AT_ONCE = 16;

/**
 * Below this share of live bytes in the replaced version's cache (the rest being bodies of
 * notices changed or gone since), its bodies are copied one by one into a new file instead of
 * the file as a whole, so a cache never grows by warm builds.
 */
const LIVE_SHARE = 0.5;

/**
 * Starts the new version's cache at `cacheFile` and prepares the body of every notice into it:
 * kept from `previous` when it was prepared from the same title, text and photos and its bytes
 * are intact, else prepared again (in worker threads). `bodies` resolves to the bodies by notice
 * key, each read from the file when shown.
 *
 * When most of the replaced cache is still live, the new one starts as a copy of it (one copy of
 * the file: bodies keep their places and are only verified, in file order); at 10,000 notices,
 * copying each of them was about 1.1 s of a warm build.
 */
export function prepareStoredBodies(
  notices: readonly BodySource[],
  previous: RenderCache | undefined,
  cacheFile: Promise<string>,
): { writer: Promise<RenderCacheWriter>; bodies: Promise<Map<string, NoticeBody>> } {
  const sources = new Map<string, string>();
  const reusable: [BodySource, StoredBodyEntry][] = [];
  const changed: BodySource[] = [];
  let liveBytes = 0;
  for (const notice of notices) {
    const key = bodyKey(notice);
    const source = bodySourceDigest({
      title: notice.title,
      body: notice.body,
      photos: photosOf(notice),
    });
    sources.set(key, source);
    const entry = previous?.bodies.get(key);
    if (entry?.source === source) {
      reusable.push([notice, entry]);
      liveBytes += entry.htmlBytes + entry.termsBytes;
    } else changed.push(notice);
  }
  const base =
    previous && reusable.length > 0 && liveBytes >= LIVE_SHARE * previous.bodiesEnd
      ? previous
      : undefined;
  const writer = cacheFile.then((path) => RenderCacheWriter.create(path, base));
  const bodies = (async () => {
    const file = await writer;
    const prepared = new Map<string, NoticeBody>();
    if (base) {
      const intact = await base.intact(reusable.map(([, entry]) => entry));
      for (const [notice, entry] of reusable) {
        // A body whose bytes were damaged since is prepared again.
        if (intact.has(entry)) prepared.set(bodyKey(notice), storedBody(file, entry));
        else changed.push(notice);
      }
    } else if (previous) {
      let next = 0;
      const copier = async () => {
        while (next < reusable.length) {
          const [notice, entry] = reusable[next++] as [BodySource, StoredBodyEntry];
          const bytes = await previous.read(entry);
          if (bytes) {
            prepared.set(bodyKey(notice), storedBody(file, await file.copy(bytes, entry)));
          } else changed.push(notice);
        }
      };
      await Promise.all(Array.from({ length: COPIES_AT_ONCE }, copier));
    }
    await prepareNoticeBodies(changed, {
      each: async (notice, body) => {
        const key = bodyKey(notice);
        const entry = await file.add(body, {
          source: sources.get(key) ?? "",
          ...(body.image ? { image: body.image } : {}),
          ...(body.photoFiles ? { photoFiles: body.photoFiles } : {}),
        });
        prepared.set(key, storedBody(file, entry));
      },
    });
    return prepared;
  })();
  return { writer, bodies };
}

/** Where each body is in the cache file, by notice key, for the cache's index. */
export function storedEntries(
  bodies: ReadonlyMap<string, NoticeBody>,
): Map<string, StoredBodyEntry> {
  const stored = new Map<string, StoredBodyEntry>();
  for (const [key, body] of bodies) {
    const entry = entries.get(body);
    if (entry) stored.set(key, entry);
  }
  return stored;
}
