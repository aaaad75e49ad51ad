/**
 * What a published version remembers for the next build (warm publish): the prepared notice
 * bodies, and for every notice page and list page the signature of what it was drawn from and
 * the SHA-256 of the file written. It lives beside the version in the store
 * (`._site.sosik/site-ID.cache`), never inside the published site.
 *
 * A later build renders a page again unless its signature is the same and the previous version
 * still holds its file with the recorded digest; such a page is linked from the previous version
 * instead. A signature covers the page's own data, the site data every page shows, and the code
 * and templates of Sosik itself, so a page kept is byte for byte what rendering it would write.
 * A cache that is missing, damaged (its own digest does not match), or written by another Sosik
 * is ignored: the build is then a cold one.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { copyFile, link, mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { bodySourceDigest } from "../preview/body-cache.ts";
import type { BodyCache, CachedBody } from "../preview/body-cache.ts";

/** One page of a version: what it was drawn from, and the file written for it. */
export interface RecordedPage {
  /** Digest of everything the page is drawn from (renderSignatures, hashed). */
  readonly signature: string;
  /** SHA-256 of the page's file as written. */
  readonly file: string;
  /** A notice page's search digest (pageDigest), so a kept page is indexed as it was. */
  readonly search?: string;
}

/** Every page of a version, by the page's output path (`ko/notices/2018-07-23-slug/index.html`). */
export type RenderRecord = ReadonlyMap<string, RecordedPage>;

/** What a version keeps for the next build. */
export interface RenderCache {
  readonly record: RenderRecord;
  readonly bodies: BodyCache;
}

/** The cache of a version in the store: `site-ID` -> `site-ID.cache`. */
export function cachePath(version: string): string {
  return `${version}.cache`;
}

// Bumped when the cache's shape changes; the code digest covers everything else.
const FORMAT = "sosik render cache 1";

/** The files whose change may change any page: Sosik's code, its templates, its dependencies. */
const CODE_ROOTS = ["src", "layouts", ".eleventy.ts", "package.json", "package-lock.json"];
const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A digest of Sosik's own code and templates (and the locked dependency versions): a page is
 * only ever kept by the code that rendered it. About 200 small files; a build reads them once.
 */
export function codeVersion(): string {
  const hash = createHash("sha256").update(FORMAT);
  const files: string[] = [];
  for (const root of CODE_ROOTS) {
    const path = join(PROJECT_ROOT, root);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) continue;
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
      }
    } else files.push(path);
  }
  for (const file of files.sort()) {
    hash.update(relative(PROJECT_ROOT, file).split(sep).join("/")).update("\u0000");
    hash.update(readFileSync(file)).update("\u0000");
  }
  return hash.digest("hex");
}

/*
 * The file is a series of frames, each a 4-byte length and a V8-serialised value: first the
 * code digest and the record, then the bodies a few thousand at a time, then an empty frame and
 * the SHA-256 (hex) of everything before it. Frames keep memory bounded: at 100,000 notices the
 * bodies serialise to about 700 MB, which one buffer (and its copy) would add to the peak.
 */
const BODIES_PER_FRAME = 2000;

/** Reads a version's cache; undefined when there is none, damaged, or of other `code`. */
export async function readRenderCache(
  path: string,
  code: string,
): Promise<RenderCache | undefined> {
  let file;
  try {
    file = await open(path, "r");
  } catch {
    return undefined;
  }
  try {
    const size = (await file.stat()).size;
    const hash = createHash("sha256");
    let position = 0;
    const read = async (length: number): Promise<Buffer | undefined> => {
      if (position + length > size) return undefined;
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      position += bytesRead;
      return bytesRead === length ? buffer : undefined;
    };
    const frames: unknown[] = [];
    for (;;) {
      const length = await read(4);
      if (!length) return undefined;
      hash.update(length);
      const bytes = length.readUInt32BE(0);
      if (bytes === 0) break;
      const frame = await read(bytes);
      if (!frame) return undefined;
      hash.update(frame);
      frames.push(deserialize(frame));
    }
    const recorded = (await read(64))?.toString("latin1");
    if (recorded !== hash.digest("hex") || position !== size) return undefined;
    const [head, ...bodyFrames] = frames as [{ code?: unknown; record?: unknown }, ...unknown[]];
    if (head.code !== code || !(head.record instanceof Map)) return undefined;
    const bodies = new Map(bodyFrames.flatMap((frame) => frame as [string, CachedBody][]));
    return { record: head.record as RenderRecord, bodies };
  } catch {
    // Not V8 data where the frames say (the digest matched a file of another format).
    return undefined;
  } finally {
    await file.close();
  }
}

/** Writes a cache atomically (a build killed while writing leaves no half-written cache). */
export async function writeRenderCache(
  path: string,
  cache: RenderCache,
  code: string,
): Promise<void> {
  const partial = `${path}.tmp`;
  const file = await open(partial, "w");
  const hash = createHash("sha256");
  const frame = async (payload: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(payload.length, 0);
    hash.update(length).update(payload);
    await file.write(length);
    if (payload.length > 0) await file.write(payload);
  };
  try {
    await frame(serialize({ code, record: cache.record }));
    // Bodies are kept with the digest of their source, not the Markdown itself.
    const entries = [...cache.bodies].map(([key, { source, prepared }]) => [
      key,
      { source: typeof source === "string" ? source : bodySourceDigest(source), prepared },
    ]);
    for (let i = 0; i < entries.length; i += BODIES_PER_FRAME) {
      await frame(serialize(entries.slice(i, i + BODIES_PER_FRAME)));
    }
    await frame(Buffer.alloc(0));
    await file.write(hash.digest("hex"), null, "latin1");
  } finally {
    await file.close();
  }
  await rename(partial, path);
}

/** SHA-256 of a page's file as written. */
export function fileDigest(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * Of the pages whose signature is unchanged, those whose file in `previousSite` still has the
 * recorded digest: these can be kept. Files are read a few at a time.
 */
export async function keptPages(
  previousSite: string,
  previous: RenderRecord,
  signatures: ReadonlyMap<string, string>,
): Promise<Map<string, RecordedPage>> {
  const candidates = [...signatures].filter(
    ([path, signature]) => previous.get(path)?.signature === signature,
  );
  const kept = new Map<string, RecordedPage>();
  let next = 0;
  const reader = async () => {
    while (next < candidates.length) {
      const [path] = candidates[next++] as [string, string];
      const recorded = previous.get(path) as RecordedPage;
      const content = await readFile(join(previousSite, path)).catch(() => undefined);
      if (content && fileDigest(content) === recorded.file) kept.set(path, recorded);
    }
  };
  await Promise.all(Array.from({ length: 16 }, reader));
  return kept;
}

/**
 * Puts the kept pages' files into the new version: a hard link to the previous version's file
 * (versions are never written again once published), or a copy where linking is refused.
 */
export async function linkKeptPages(
  previousSite: string,
  staging: string,
  paths: Iterable<string>,
): Promise<void> {
  const queue = [...paths];
  const folders = new Set<string>();
  const linker = async () => {
    for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
      const target = join(staging, path);
      const folder = dirname(target);
      if (!folders.has(folder)) {
        await mkdir(folder, { recursive: true });
        folders.add(folder);
      }
      await link(join(previousSite, path), target).catch(() =>
        copyFile(join(previousSite, path), target),
      );
    }
  };
  await Promise.all(Array.from({ length: 16 }, linker));
}
