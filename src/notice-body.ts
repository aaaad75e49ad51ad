/**
 * A notice body as its page shows it and search indexes it: HTML from the Markdown and, for a
 * Korean notice, the extra search terms of src/search/korean-terms.ts. On a large board this is
 * most of the work before rendering (about 3 s for 10,000 notices on one core), so the bodies
 * are prepared in worker threads, each taking a share of the notices; the result is the same
 * as preparing them one by one, since each body depends on its own notice only.
 */
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { basename, extname } from "node:path";
import { Worker } from "node:worker_threads";
import { ContentError } from "./content/errors.ts";
import type { SourceImage } from "./content/images.ts";
import type { PhotoFile, ProcessedPhoto } from "./images/process.ts";
import { plainText, renderMarkdown } from "./markdown.ts";
import type { PhotoView } from "./markdown.ts";
import type { Lang } from "./options.ts";
import { koreanSearchTerms } from "./search/korean-terms.ts";

/** What a body is prepared from. */
export interface BodySource {
  readonly lang: Lang;
  readonly slug: string;
  readonly title: string;
  readonly body: string;
  /** Path of the notice file for messages (SourceNotice.file). */
  readonly file?: string;
  /** The body's photos, checked (src/content/images.ts). */
  readonly images?: readonly SourceImage[];
  /** The photos as the body shows them, by src as written: set once they are processed. */
  readonly photos?: Readonly<Record<string, PhotoView>>;
}

/** The first photo of a body: the notice's og:image. */
export interface BodyImage {
  /** File name next to the notice's page (its largest JPEG or PNG). */
  readonly fileName: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

/** A file made of a photo, to be copied next to the notice's page. */
export interface BodyPhotoFile {
  readonly fileName: string;
  readonly cachePath: string;
}

/** A prepared body. */
export interface NoticeBody {
  readonly html: string;
  /** Extra search terms (parts of Korean compounds, nouns without particles); empty for English. */
  readonly searchTerms: string;
  /** bodyDigest of the two: what a page's signature holds of its body. */
  readonly digest: string;
  readonly image?: BodyImage;
  /** Every file the body's pictures name. */
  readonly photoFiles?: readonly BodyPhotoFile[];
}

/** Key of a notice in a map of bodies: `ko/2018-07-23-slug`. */
export function bodyKey(notice: { readonly lang: Lang; readonly slug: string }): string {
  return `${notice.lang}/${notice.slug}`;
}

/** Digest of a prepared body: its HTML and its search terms (as strings or as UTF-8). */
export function bodyDigest(html: string | Buffer, searchTerms: string | Buffer): string {
  return createHash("sha256").update(html).update("\u0000").update(searchTerms).digest("hex");
}

/** Prepares one body, in the calling thread. */
export function prepareNoticeBody(source: BodySource): NoticeBody {
  const html = renderMarkdown(source.body, source.photos);
  const searchTerms =
    source.lang === "ko" ? koreanSearchTerms(`${source.title} ${plainText(html)}`).join(" ") : "";
  return { html, searchTerms, digest: bodyDigest(html, searchTerms) };
}

// Below this many notices a thread's start (about 0.5 s: TypeScript, modules and the Korean
// dictionary) costs more than it saves; measured with npm run bench at 1,000 and 10,000.
const THREADS_FROM = 3000;
const MAX_THREADS = 4;

/** Told each body as it is prepared; the next are prepared once the promise resolves. */
export type PreparedBody = (source: BodySource, body: NoticeBody) => Promise<void> | void;

/**
 * Prepares every body, in `threads` worker threads (default: one a CPU, at most 4) when there
 * are enough notices to gain from it, else in this thread. With `each`, every body is handed to
 * it as it is prepared and none is kept (the map returned is empty): a production build writes
 * them to its cache file rather than hold them all.
 */
export async function prepareNoticeBodies(
  sources: readonly BodySource[],
  {
    threads = Math.min(availableParallelism(), MAX_THREADS),
    minimum = THREADS_FROM,
    photoCache = undefined as string | undefined,
    each = undefined as PreparedBody | undefined,
  } = {},
): Promise<Map<string, NoticeBody>> {
  const withPhotos = await processBodyPhotos(sources, photoCache);
  const bodies = new Map<string, NoticeBody>();
  const told: PreparedBody =
    each ??
    ((source, body) => {
      bodies.set(bodyKey(source), body);
    });
  if (threads <= 1 || sources.length < minimum) {
    for (const { source, files } of withPhotos) {
      await told(source, { ...prepareNoticeBody(source), ...files });
    }
    return bodies;
  }
  const filesByKey = new Map(withPhotos.map(({ source, files }) => [bodyKey(source), files]));
  const withViews = withPhotos.map(({ source }) => source);
  // Korean bodies cost several times more than English ones: deal each language out in turn.
  const shares = Array.from({ length: threads }, (): BodySource[] => []);
  let next = 0;
  for (const lang of ["ko", "en"] as const) {
    for (const source of withViews) {
      if (source.lang !== lang) continue;
      shares[next % threads]?.push(source);
      next += 1;
    }
  }
  await Promise.all(
    shares.map((share) =>
      prepareInWorker(share, (source, body) =>
        told(source, { ...body, ...filesByKey.get(bodyKey(source)) }),
      ),
    ),
  );
  return bodies;
}

// tsx's loader hooks, set up with --import, do not reach worker threads
// (https://github.com/privatenumber/tsx/issues/354): the worker registers them itself, then
// loads its TypeScript module.
const WORKER_BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./notice-body-worker.ts", import.meta.url).href)}); });`;

/**
 * Bodies a worker is handed at once. The worker gets its share batch by batch, two batches in
 * flight, so that neither its heap nor the messages hold more than a few hundred bodies: handed
 * its whole share at once, each worker held 50,000 sources and their bodies at 100,000 notices,
 * and the renderer peaked at 3.7 GiB while bodies were prepared.
 */
const BATCH = 250;

function prepareInWorker(sources: readonly BodySource[], each: PreparedBody): Promise<void> {
  if (sources.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true });
    let sent = 0;
    let received = 0;
    let taken = 0;
    let answered = false;
    const fail = (error: unknown) => {
      if (answered) return;
      answered = true;
      reject(error instanceof Error ? error : new Error(String(error)));
      void worker.terminate();
    };
    const sendNext = () => {
      if (sent >= sources.length) return;
      const batch = sources.slice(sent, sent + BATCH);
      sent += batch.length;
      worker.postMessage(
        batch.map(({ lang, slug, title, body, photos }) => ({
          lang,
          slug,
          title,
          body,
          ...(photos ? { photos } : {}),
        })),
      );
    };
    // Batches come back in the order they were sent (one port, one thread). The next batch is
    // sent once this one's bodies have been taken, so a slow taker holds the worker back.
    let taking: Promise<void> = Promise.resolve();
    worker.on("message", (batch: NoticeBody[]) => {
      const first = received;
      received += batch.length;
      taking = taking
        .then(async () => {
          for (const [i, body] of batch.entries()) {
            await each(sources[first + i] as BodySource, body);
          }
          taken += batch.length;
          if (taken === sources.length) {
            answered = true;
            resolve();
            void worker.terminate();
          } else sendNext();
        })
        .catch(fail);
    });
    worker.once("error", fail);
    worker.once("exit", (code) => {
      fail(new Error(`notice body worker stopped (exit code ${String(code)})`));
    });
    sendNext();
    sendNext();
  });
}

/**
 * Makes the responsive files of every photo (src/images/process.ts, loaded only when a body has
 * photos: sharp is large) and gives each source the views its Markdown is rendered with, and
 * each body its og:image and the files to copy next to its page. Only what changed is encoded:
 * the processed files are cached by their bytes, so the preview re-encoding after an edit
 * touches only the photos of that notice that are new.
 */
async function processBodyPhotos(
  sources: readonly BodySource[],
  photoCache: string | undefined,
): Promise<{ source: BodySource; files: Pick<NoticeBody, "image" | "photoFiles"> }[]> {
  const images = sources.flatMap((source) => source.images ?? []);
  if (images.length === 0) return sources.map((source) => ({ source, files: {} }));
  const { PHOTO_SIZES, PhotoProcessingError, photoKey, processPhotos } =
    await import("./images/process.ts");
  let processed: Map<string, ProcessedPhoto>;
  try {
    processed = await processPhotos(
      images,
      photoCache === undefined ? {} : { cacheDir: photoCache },
    );
  } catch (error) {
    if (!(error instanceof PhotoProcessingError)) throw error;
    const issues = sources.flatMap((source) =>
      (source.images ?? [])
        .filter((image) => image.sourcePath === error.sourcePath)
        .map((image) => ({
          file: source.file ?? bodyKey(source),
          line: image.line,
          key: "image",
          message: `${JSON.stringify(image.src)} ${error.message}`,
          severity: "error" as const,
        })),
    );
    throw new ContentError(issues, { cause: error });
  }
  return sources.map((source) => {
    if (!source.images || source.images.length === 0) return { source, files: {} };
    const photos: Record<string, PhotoView> = {};
    const photoFiles = new Map<string, string>();
    let image: BodyImage | undefined;
    for (const photo of source.images) {
      const made = processed.get(photoKey(photo));
      if (!made) throw new Error(`photo ${photo.sourcePath} was not processed`);
      const stem = `${fileStem(photo.src)}-${photo.hash.slice(0, 8)}`;
      const named = made.files.map((file) => ({ ...file, fileName: photoFileName(stem, file) }));
      for (const file of named) photoFiles.set(file.fileName, file.cachePath);
      const fallbackFormat = photo.format === "png" ? "png" : "jpeg";
      const srcset = (format: PhotoFile["format"]) =>
        named
          .filter((file) => file.format === format)
          .map((file) => `${file.fileName} ${String(file.width)}w`)
          .join(", ");
      const fallback = named.filter((file) => file.format === fallbackFormat).at(-1);
      if (!fallback) throw new Error(`photo ${photo.sourcePath} has no ${fallbackFormat} file`);
      photos[photo.src] = {
        width: fallback.width,
        height: fallback.height,
        sources: (["avif", "webp"] as const).map((format) => ({
          type: `image/${format}`,
          srcset: srcset(format),
        })),
        fallback: { src: fallback.fileName, srcset: srcset(fallbackFormat) },
        sizes: PHOTO_SIZES,
      };
      image ??= {
        fileName: fallback.fileName,
        width: fallback.width,
        height: fallback.height,
        alt: photo.alt,
      };
    }
    return {
      source: { ...source, photos },
      files: {
        ...(image ? { image } : {}),
        photoFiles: [...photoFiles].map(([fileName, cachePath]) => ({ fileName, cachePath })),
      },
    };
  });
}

/** The words of a photo's file name, safe in a URL: `images/Harbour View.jpg` -> `harbour-view`. */
function fileStem(src: string): string {
  let name: string;
  try {
    name = decodeURIComponent(basename(src));
  } catch {
    name = basename(src);
  }
  const words = name
    .slice(0, name.length - extname(name).length)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return words || "photo";
}

/** `harbour-view-1a2b3c4d-960.webp`: the photo's words, its bytes' hash, its width. */
function photoFileName(stem: string, file: PhotoFile): string {
  return `${stem}-${String(file.width)}.${file.format === "jpeg" ? "jpg" : file.format}`;
}
