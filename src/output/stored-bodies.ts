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
import type { RenderCache, RenderCacheWriter, StoredBodyEntry } from "./render-cache.ts";

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
 * Prepares the body of every notice into `writer`: copied from `previous` when it was prepared
 * from the same title, text and photos and its bytes are intact, else prepared again (in worker
 * threads). Resolves to the bodies by notice key, each read from the file when shown.
 */
export async function prepareStoredBodies(
  notices: readonly BodySource[],
  previous: RenderCache | undefined,
  writer: Promise<RenderCacheWriter>,
): Promise<Map<string, NoticeBody>> {
  const sources = new Map<string, string>();
  const reusable: [BodySource, StoredBodyEntry][] = [];
  const changed: BodySource[] = [];
  for (const notice of notices) {
    const key = bodyKey(notice);
    const source = bodySourceDigest({
      title: notice.title,
      body: notice.body,
      photos: photosOf(notice),
    });
    sources.set(key, source);
    const entry = previous?.bodies.get(key);
    if (entry?.source === source) reusable.push([notice, entry]);
    else changed.push(notice);
  }
  const file = await writer;
  const bodies = new Map<string, NoticeBody>();
  let next = 0;
  const copier = async () => {
    while (next < reusable.length) {
      const [notice, entry] = reusable[next++] as [BodySource, StoredBodyEntry];
      const bytes = await previous?.read(entry);
      // A body whose bytes were damaged since is prepared again.
      if (bytes) bodies.set(bodyKey(notice), storedBody(file, await file.copy(bytes, entry)));
      else changed.push(notice);
    }
  };
  await Promise.all(Array.from({ length: COPIES_AT_ONCE }, copier));
  await prepareNoticeBodies(changed, {
    each: async (notice, body) => {
      const key = bodyKey(notice);
      const entry = await file.add(body, {
        source: sources.get(key) ?? "",
        ...(body.image ? { image: body.image } : {}),
        ...(body.photoFiles ? { photoFiles: body.photoFiles } : {}),
      });
      bodies.set(key, storedBody(file, entry));
    },
  });
  return bodies;
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
