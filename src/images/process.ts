/**
 * Responsive versions of the notices' photos, made by @11ty/eleventy-img (sharp): AVIF and WebP,
 * with JPEG (PNG for a PNG) for browsers that read neither, at a few widths up to the photo's
 * own. Encoding is slow (seconds for one photo's AVIFs), so the results are kept between builds
 * in a cache outside the published site, one folder a photo named by the SHA-256 of its bytes
 * and the settings below. A cached photo is used only when every file it lists has the size
 * and SHA-256 recorded when it was made; anything else is made again. sharp's encoders give
 * the same bytes for the same input, so a build with or without the cache publishes the same
 * files (tests/build/photos.test.ts builds twice and compares).
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import Image from "@11ty/eleventy-img";
import type { PhotoFormat } from "../content/images.ts";

/** The widths made of each photo, capped at its own width. */
export const PHOTO_WIDTHS: readonly number[] = [480, 960, 1440];

/** What `sizes` tells the browser: the body column is at most 48rem wide (site.css `.notice-body`). */
export const PHOTO_SIZES = "(min-width: 50rem) 48rem, 100vw";

/** The cache of processed photos, kept out of the published site. */
export const DEFAULT_PHOTO_CACHE = fileURLToPath(
  new URL("../../node_modules/.cache/sosik-photos/", import.meta.url),
);

// Part of each cache key: a change here makes every photo again instead of reusing old files.
const SETTINGS = JSON.stringify({ version: 1, widths: PHOTO_WIDTHS, eleventyImg: "6" });

/** One file made of a photo. */
export interface PhotoFile {
  readonly format: "avif" | "webp" | "jpeg" | "png";
  readonly width: number;
  readonly height: number;
  /** Where the file is in the cache, to be copied next to the notice's page. */
  readonly cachePath: string;
}

/** A photo's files, smallest first within each format; the fallback format last. */
export interface ProcessedPhoto {
  readonly width: number;
  readonly height: number;
  readonly files: readonly PhotoFile[];
}

/** A photo to process: its file, format and hash (from the content check). */
export interface PhotoSource {
  readonly sourcePath: string;
  readonly format: PhotoFormat;
  readonly hash: string;
}

/** A photo sharp could not read: the content error names the notice and line. */
export class PhotoProcessingError extends Error {
  override readonly name = "PhotoProcessingError";
  readonly sourcePath: string;

  constructor(sourcePath: string, options: ErrorOptions) {
    super(
      `cannot be read as an image: ${String((options.cause as Error | undefined)?.message ?? options.cause)}`,
      options,
    );
    this.sourcePath = sourcePath;
  }
}

/** What eleventy-img returns with `dryRun`: the files of each format, with their bytes. */
type Made = Record<string, { width: number; height: number; buffer?: Buffer }[]>;

// eleventy-img is JavaScript whose types TypeScript reads only in part: its call, as used here.
const encode = Image as unknown as (src: string, options: Record<string, unknown>) => Promise<Made>;

interface CacheEntry {
  readonly width: number;
  readonly height: number;
  readonly files: readonly (Omit<PhotoFile, "cachePath"> & {
    name: string;
    size: number;
    sha256: string;
  })[];
}

/** Key of a processed photo: its bytes' hash and the settings. */
export function photoKey(photo: PhotoSource): string {
  return createHash("sha256").update(`${photo.hash}\n${photo.format}\n${SETTINGS}`).digest("hex");
}

/**
 * Processes every distinct photo (by key), at most `concurrency` at once (sharp uses threads
 * of its own for each), reusing verified cache entries. Returns the photos by key.
 */
export async function processPhotos(
  photos: readonly PhotoSource[],
  { cacheDir = DEFAULT_PHOTO_CACHE, concurrency = 2 } = {},
): Promise<Map<string, ProcessedPhoto>> {
  const distinct = new Map<string, PhotoSource>();
  for (const photo of photos) distinct.set(photoKey(photo), photo);
  const done = new Map<string, ProcessedPhoto>();
  const queue = [...distinct].sort(([a], [b]) => (a < b ? -1 : 1));
  const work = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [key, photo] = next;
      done.set(key, await processPhoto(key, photo, cacheDir));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, work));
  return done;
}

async function processPhoto(
  key: string,
  photo: PhotoSource,
  cacheDir: string,
): Promise<ProcessedPhoto> {
  const folder = join(cacheDir, key.slice(0, 2), key);
  const cached = await verifiedEntry(folder);
  if (cached) return cached;
  const fallback = photo.format === "png" ? "png" : "jpeg";
  let made: Made;
  try {
    // dryRun: eleventy-img returns the encoded files instead of writing them; they are written
    // here, each checked in with its hash. No in-memory cache: the key above is the cache.
    made = await encode(photo.sourcePath, {
      widths: [...PHOTO_WIDTHS],
      formats: ["avif", "webp", fallback],
      dryRun: true,
      useCache: false,
      fixOrientation: true,
    });
  } catch (error) {
    throw new PhotoProcessingError(photo.sourcePath, { cause: error });
  }
  await mkdir(folder, { recursive: true });
  const files: CacheEntry["files"][number][] = [];
  for (const format of ["avif", "webp", fallback] as const) {
    for (const file of made[format] ?? []) {
      if (!file.buffer)
        throw new Error(`eleventy-img returned no ${format} data for ${photo.sourcePath}`);
      const name = `${String(file.width)}.${format}`;
      await writeAtomically(join(folder, name), file.buffer);
      files.push({
        format,
        width: file.width,
        height: file.height,
        name,
        size: file.buffer.length,
        sha256: sha256(file.buffer),
      });
    }
  }
  const largest = files.filter((f) => f.format === fallback).at(-1);
  if (!largest) throw new Error(`eleventy-img made no ${fallback} of ${photo.sourcePath}`);
  const entry: CacheEntry = { width: largest.width, height: largest.height, files };
  await writeAtomically(join(folder, "entry.json"), Buffer.from(JSON.stringify(entry)));
  return toPhoto(folder, entry);
}

/** The cache entry in `folder` when every file of it is as recorded; undefined otherwise. */
async function verifiedEntry(folder: string): Promise<ProcessedPhoto | undefined> {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(await readFile(join(folder, "entry.json"), "utf8")) as CacheEntry;
    // A damaged entry (not a list, no names) throws below and is made again.
    if (entry.files.length === 0) return undefined;
    for (const file of entry.files) {
      if (!/^\d+\.(avif|webp|jpeg|png)$/.test(file.name)) return undefined;
      const bytes = await readFile(join(folder, file.name));
      if (bytes.length !== file.size || sha256(bytes) !== file.sha256) return undefined;
    }
  } catch {
    // Missing, half written or damaged: made again.
    return undefined;
  }
  return toPhoto(folder, entry);
}

function toPhoto(folder: string, entry: CacheEntry): ProcessedPhoto {
  return {
    width: entry.width,
    height: entry.height,
    files: entry.files.map(({ format, width, height, name }) => ({
      format,
      width,
      height,
      cachePath: join(folder, name),
    })),
  };
}

// Another build may be making the same photo: each writes a file of its own, then renames it.
async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  const temporary = `${path}.${String(process.pid)}-${String(Math.random()).slice(2)}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
