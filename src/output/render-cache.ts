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
 * A cache that is missing, damaged (its index's digest does not match), or written by another
 * Sosik is ignored: the build is then a cold one. A body whose bytes no longer match their digest
 * is prepared again.
 */
import { createHash } from "node:crypto";
import { readFileSync, readSync, readdirSync, statSync, unlinkSync } from "node:fs";
import { copyFile, open, rename, rm } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { Worker } from "node:worker_threads";
import { environmentError } from "../errors.ts";
import { bodyDigest } from "../notice-body.ts";
import type { BodyImage, BodyPhotoFile } from "../notice-body.ts";

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

/** The cache of a version in the store: `site-ID` -> `site-ID.cache`. */
export function cachePath(version: string): string {
  return `${version}.cache`;
}

// Bumped when the cache's shape changes; the code digest covers everything else.
const FORMAT = "sosik render cache 2";

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
 * The file holds the prepared bodies first, back to back, each its HTML then its search terms as
 * UTF-8; then one V8-serialised index (the code digest, the record, and where each body is with
 * the digest of its bytes); then a trailer: the index's offset and length (8 bytes each) and the
 * SHA-256 (hex) of the index. The bodies are written as the renderer prepares them and read back
 * one at a time when their page is drawn, so no build holds every body in memory: at 100,000
 * notices they are about 1 GB of strings. A body is verified by its digest before a later build
 * uses it again; a damaged one is prepared again.
 */
const TRAILER_BYTES = 8 + 8 + 64;

/** Where one prepared body is in a cache file, and what it was prepared from. */
export interface StoredBodyEntry {
  /** bodySourceDigest of the title, text and photos it was prepared from. */
  readonly source: string;
  /** Offset of the body's bytes in the file. */
  readonly at: number;
  readonly htmlBytes: number;
  readonly termsBytes: number;
  /** bodyDigest of the HTML and search terms. */
  readonly digest: string;
  readonly image?: BodyImage;
  readonly photoFiles?: readonly BodyPhotoFile[];
}

interface CacheIndex {
  readonly format: string;
  readonly code: string;
  readonly record: RenderRecord;
  readonly bodies: ReadonlyMap<string, StoredBodyEntry>;
}

/** A published version's cache, opened: its record, and its bodies to be read as needed. */
export interface RenderCache {
  readonly path: string;
  readonly record: RenderRecord;
  readonly bodies: ReadonlyMap<string, StoredBodyEntry>;
  /** Where the bodies end (and the index begins). */
  readonly bodiesEnd: number;
  /** A body's bytes, if they still match their digest. */
  read(entry: StoredBodyEntry): Promise<Buffer | undefined>;
  /** Of `entries`, those whose bytes still match their digest, read in file order. */
  intact(entries: readonly StoredBodyEntry[]): Promise<Set<StoredBodyEntry>>;
  close(): Promise<void>;
}

/** Bytes read at once when bodies are verified in file order. */
const VERIFY_CHUNK = 8 * 2 ** 20;

/** Reads a version's cache index; undefined when there is none, damaged, or of other `code`. */
export async function readRenderCache(
  path: string,
  code: string,
): Promise<RenderCache | undefined> {
  let file: FileHandle;
  try {
    file = await open(path, "r");
  } catch {
    return undefined;
  }
  const index = await readIndex(file, code).catch(() => undefined);
  if (!index) {
    await file.close();
    return undefined;
  }
  return {
    path,
    record: index.record,
    bodies: index.bodies,
    bodiesEnd: index.bodiesEnd,
    async intact(entries) {
      const sorted = [...entries].sort((a, b) => a.at - b.at);
      const found = new Set<StoredBodyEntry>();
      let chunk = Buffer.alloc(0);
      let chunkAt = 0;
      for (const entry of sorted) {
        const length = entry.htmlBytes + entry.termsBytes;
        if (entry.at + length > chunkAt + chunk.length) {
          chunkAt = entry.at;
          chunk = Buffer.alloc(Math.max(VERIFY_CHUNK, length));
          const { bytesRead } = await file.read(chunk, 0, chunk.length, chunkAt);
          chunk = chunk.subarray(0, bytesRead);
        }
        const start = entry.at - chunkAt;
        if (start + length > chunk.length) continue;
        const html = chunk.subarray(start, start + entry.htmlBytes);
        const terms = chunk.subarray(start + entry.htmlBytes, start + length);
        if (bodyDigest(html, terms) === entry.digest) found.add(entry);
      }
      return found;
    },
    async read(entry) {
      const bytes = Buffer.alloc(entry.htmlBytes + entry.termsBytes);
      const { bytesRead } = await file.read(bytes, 0, bytes.length, entry.at);
      if (bytesRead !== bytes.length) return undefined;
      const html = bytes.subarray(0, entry.htmlBytes);
      const terms = bytes.subarray(entry.htmlBytes);
      return bodyDigest(html, terms) === entry.digest ? bytes : undefined;
    },
    close: () => file.close(),
  };
}

async function readIndex(
  file: FileHandle,
  code: string,
): Promise<(CacheIndex & { bodiesEnd: number }) | undefined> {
  const size = (await file.stat()).size;
  if (size < TRAILER_BYTES) return undefined;
  const trailer = Buffer.alloc(TRAILER_BYTES);
  await file.read(trailer, 0, TRAILER_BYTES, size - TRAILER_BYTES);
  const at = Number(trailer.readBigUInt64BE(0));
  const length = Number(trailer.readBigUInt64BE(8));
  if (at + length + TRAILER_BYTES !== size) return undefined;
  const bytes = Buffer.alloc(length);
  const { bytesRead } = await file.read(bytes, 0, length, at);
  if (bytesRead !== length) return undefined;
  const recorded = trailer.subarray(16).toString("latin1");
  if (createHash("sha256").update(bytes).digest("hex") !== recorded) return undefined;
  // Not V8 data where the trailer says (the digest matched a file of another format) throws.
  const index = deserialize(bytes) as Partial<CacheIndex>;
  if (index.format !== FORMAT || index.code !== code) return undefined;
  if (!(index.record instanceof Map) || !(index.bodies instanceof Map)) return undefined;
  return { ...(index as CacheIndex), bodiesEnd: at };
}

/**
 * The cache a build is writing (`site-ID.cache.tmp` until it is finished): bodies are added as
 * they are prepared and read back when their page is drawn.
 */
export class RenderCacheWriter {
  readonly #file: FileHandle;
  readonly #partial: string;
  readonly #path: string;
  #end = 0;
  #last: { entry: StoredBodyEntry; html: string; searchTerms: string } | undefined;

  private constructor(file: FileHandle, path: string, partial: string) {
    this.#file = file;
    this.#path = path;
    this.#partial = partial;
  }

  /**
   * Starts the cache at `path` (written as `path.tmp`, renamed by finish). With `base`, it starts
   * as a copy of that cache's bodies, which keep their places (`reuse`); others are added after.
   */
  static async create(path: string, base?: RenderCache): Promise<RenderCacheWriter> {
    const partial = `${path}.tmp`;
    if (!base) return new RenderCacheWriter(await open(partial, "w+"), path, partial);
    await copyFile(base.path, partial);
    const file = await open(partial, "r+");
    await file.truncate(base.bodiesEnd);
    const writer = new RenderCacheWriter(file, path, partial);
    writer.#end = base.bodiesEnd;
    return writer;
  }

  /** Adds a body just prepared. */
  async add(
    body: { html: string; searchTerms: string; digest: string },
    meta: Pick<StoredBodyEntry, "source" | "image" | "photoFiles">,
  ): Promise<StoredBodyEntry> {
    const html = Buffer.from(body.html);
    const terms = Buffer.from(body.searchTerms);
    return this.#append(Buffer.concat([html, terms]), html.length, body.digest, meta);
  }

  /** Adds a body read from an earlier cache (RenderCache.read), with its entry there. */
  copy(bytes: Buffer, from: StoredBodyEntry): Promise<StoredBodyEntry> {
    return this.#append(bytes, from.htmlBytes, from.digest, from);
  }

  async #append(
    bytes: Buffer,
    htmlBytes: number,
    digest: string,
    meta: Pick<StoredBodyEntry, "source" | "image" | "photoFiles">,
  ): Promise<StoredBodyEntry> {
    const at = this.#end;
    this.#end += bytes.length;
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.#file.write(
        bytes,
        written,
        bytes.length - written,
        at + written,
      );
      written += bytesWritten;
    }
    return {
      source: meta.source,
      at,
      htmlBytes,
      termsBytes: bytes.length - htmlBytes,
      digest,
      ...(meta.image ? { image: meta.image } : {}),
      ...(meta.photoFiles ? { photoFiles: meta.photoFiles } : {}),
    };
  }

  /** A body's HTML and search terms, read back (the last one read is kept: a page asks twice). */
  read(entry: StoredBodyEntry): { html: string; searchTerms: string } {
    if (this.#last?.entry === entry) return this.#last;
    const bytes = Buffer.alloc(entry.htmlBytes + entry.termsBytes);
    let read = 0;
    while (read < bytes.length) {
      const got = readSync(this.#file.fd, bytes, read, bytes.length - read, entry.at + read);
      if (got === 0) throw new Error(`the render cache ${this.#partial} ended before a body`);
      read += got;
    }
    this.#last = {
      entry,
      html: bytes.toString("utf8", 0, entry.htmlBytes),
      searchTerms: bytes.toString("utf8", entry.htmlBytes),
    };
    return this.#last;
  }

  /** Writes the index and the trailer, and puts the cache in its place. */
  async finish(record: RenderRecord, bodies: ReadonlyMap<string, StoredBodyEntry>, code: string) {
    const index: CacheIndex = { format: FORMAT, code, record, bodies };
    const bytes = serialize(index);
    const trailer = Buffer.alloc(TRAILER_BYTES);
    trailer.writeBigUInt64BE(BigInt(this.#end), 0);
    trailer.writeBigUInt64BE(BigInt(bytes.length), 8);
    trailer.write(createHash("sha256").update(bytes).digest("hex"), 16, "latin1");
    await this.#file.write(bytes, 0, bytes.length, this.#end);
    await this.#file.write(trailer, 0, TRAILER_BYTES, this.#end + bytes.length);
    this.#last = undefined;
    await this.#file.close();
    await rename(this.#partial, this.#path);
  }

  /** Drops an unfinished cache (a failed build). */
  async discard(): Promise<void> {
    await this.#file.close().catch(() => undefined);
    await rm(this.#partial, { force: true });
  }
}

/** SHA-256 of a page's file as written. */
export function fileDigest(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * Of the pages whose signature is unchanged, those whose file in `previousSite` still has the
 * recorded digest: these can be kept. Read one after another with synchronous calls: at 10,000
 * pages (160 MiB) that took 0.39 s, where sixteen reads at a time through fs/promises took 1.4 s.
 */
export function keptPages(
  previousSite: string,
  previous: RenderRecord,
  signatures: ReadonlyMap<string, string>,
): Map<string, RecordedPage> {
  const kept = new Map<string, RecordedPage>();
  for (const [path, signature] of signatures) {
    const recorded = previous.get(path);
    if (recorded?.signature !== signature) continue;
    let content: Buffer;
    try {
      content = readFileSync(join(previousSite, path));
    } catch {
      continue; // Gone or unreadable: the page is rendered again.
    }
    if (fileDigest(content) === recorded.file) kept.set(path, recorded);
  }
  return kept;
}

/**
 * Of the pages a retired version taken over as the staging folder left in it (`pages`, see
 * src/output/publish.ts), removes those not kept: they are rendered again, or no longer
 * published, or Eleventy's own, and may be hard links to the published version's files, which
 * must never be written into. Returns the kept ones left in place.
 */
export function removeUnkept(
  staging: string,
  pages: readonly string[],
  kept: ReadonlyMap<string, unknown>,
): Set<string> {
  const left = new Set<string>();
  for (const page of pages) {
    if (kept.has(page)) {
      left.add(page);
      continue;
    }
    const path = join(staging, page);
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as { code?: unknown }).code !== "ENOENT") {
        throw environmentError(error, "cannot remove", path) ?? error;
      }
    }
  }
  return left;
}

/**
 * Puts the kept pages' files into the new version: a hard link to the previous version's file
 * (versions are never written again once published), or a copy where linking is refused. A page
 * `left` in a taken-over version is linked again only where it is not that file already. The
 * links are made by one worker thread with synchronous calls while the renderer draws the other
 * pages: at 10,000 pages they took 2.1 s that way, and 4.0 s as sixteen fs/promises calls at a
 * time, which wait on one another for the notices folder.
 */
export function linkKeptPages(
  previousSite: string,
  staging: string,
  paths: Iterable<string>,
  left: ReadonlySet<string> = new Set(),
): Promise<void> {
  const worker = new Worker(LINKER, {
    eval: true,
    workerData: { from: previousSite, to: staging, paths: [...paths], left },
  });
  return new Promise<void>((resolveLinked, rejectLinked) => {
    worker.once("message", (failure: LinkFailure | null) => {
      if (failure === null) {
        resolveLinked();
        return;
      }
      // The worker's error as the file-system call threw it, for environmentError to read.
      rejectLinked(Object.assign(new Error(failure.message), failure));
    });
    worker.once("error", rejectLinked);
    worker.once("exit", () => {
      rejectLinked(new Error("the worker linking kept pages stopped before it was done"));
    });
  });
}

/** A file-system error of the linking worker, as it crossed over. */
interface LinkFailure {
  readonly message: string;
  readonly code?: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
}

// Plain JavaScript: the worker only makes folders and links, and needs no TypeScript loader.
const LINKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { copyFileSync, linkSync, lstatSync, mkdirSync, unlinkSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { from, to, paths, left } = workerData;
const folders = new Set();
try {
  for (const path of paths) {
    const source = join(from, path);
    const target = join(to, path);
    const had = left.has(path) ? lstatSync(target, { throwIfNoEntry: false }) : undefined;
    if (had) {
      const wanted = lstatSync(source);
      if (had.ino === wanted.ino && had.dev === wanted.dev) continue;
      unlinkSync(target);
    } else {
      const folder = dirname(target);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
    }
    try {
      linkSync(source, target);
    } catch {
      copyFileSync(source, target);
    }
  }
  parentPort.postMessage(null);
} catch (error) {
  parentPort.postMessage({ message: error.message, code: error.code, syscall: error.syscall, path: error.path, dest: error.dest });
}
`;
