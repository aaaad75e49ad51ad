/**
 * Photos in notice bodies: the rules `check` and the build apply to every Markdown image. A photo
 * is a file beside the notice (`![alt](images/harbour.jpg)`, the path from the language's
 * notices folder, as for attachments), read by the safe file rules of files.ts; every image,
 * a photo or one from another site, needs alternative text. Images are found with markdown-it's
 * own parser, so an image in a code span is not one.
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { imageSize } from "image-size";
import type { Token } from "markdown-it";
import { createMarkdown, isOtherSiteLink } from "../markdown.ts";
import { describeValue } from "./errors.ts";
import { isNotAFile } from "./files.ts";
import type { ContentFiles } from "./files.ts";

/** The formats a photo may be given in, by their file's first bytes. */
export type PhotoFormat = "jpeg" | "png" | "webp";

/** A photo of a notice, checked to be a readable image file inside the content folder. */
export interface SourceImage {
  /** The path as written in the Markdown, which the rendered body looks it up by. */
  readonly src: string;
  readonly alt: string;
  /** The image's title (`![alt](images/a.jpg "caption")`), shown as its caption. */
  readonly caption?: string;
  /** 1-based line in the notice file. */
  readonly line: number;
  readonly sourcePath: string;
  readonly format: PhotoFormat;
  /** SHA-256 of the file's bytes: processed images are cached and named by it. */
  readonly hash: string;
}

/** One problem with an image of a notice. */
export interface ImageProblem {
  /** 1-based line in the notice file. */
  readonly line: number;
  readonly message: string;
}

const parser = createMarkdown();
const EXTENSIONS = /\.(jpe?g|png|webp)$/i;

/**
 * The photos of a notice body and the problems of its images. `bodyLine` is the line of the
 * file on which the body starts; `noticesDir` the folder photo paths are read from.
 */
export function noticeImages(
  body: string,
  bodyLine: number,
  noticesDir: string,
  files: ContentFiles,
): { images: SourceImage[]; problems: ImageProblem[] } {
  const images: SourceImage[] = [];
  const problems: ImageProblem[] = [];
  if (!body.includes("![")) return { images, problems };
  for (const block of parser.parse(body, {})) {
    if (block.type !== "inline" || !block.children) continue;
    let line = bodyLine + (block.map?.[0] ?? 0);
    for (const token of block.children) {
      if (token.type === "softbreak" || token.type === "hardbreak") line++;
      if (token.type !== "image") continue;
      const src = String(token.attrGet("src") ?? "");
      const alt = altText(token).trim();
      const written = `![${token.content}](${src})`;
      if (alt === "") {
        problems.push({
          line,
          message: `alternative text is required: ${written}; describe what the image shows between the brackets`,
        });
      }
      // Images from other sites stay as they are; a site path (`/en/notices/x/chart.png`) is a
      // link into the board, checked with the links (cross-checks.ts).
      if (!isPhotoPath(src)) continue;
      const checked = checkPhoto(src, noticesDir, files);
      if (typeof checked === "string") {
        problems.push({ line, message: checked });
        continue;
      }
      const caption = String(token.attrGet("title") ?? "").trim();
      images.push({ src, alt, ...(caption ? { caption } : {}), line, ...checked });
    }
  }
  return { images, problems };
}

/** True for an image path that names a file beside the notice: neither another site nor a site path. */
export function isPhotoPath(src: string): boolean {
  return !isOtherSiteLink(src) && !src.startsWith("/");
}

/** The text of an image's alternative text, as markdown-it renders it into `alt`. */
function altText(token: Token): string {
  return parser.renderer.renderInlineAsText(token.children ?? [], parser.options, {});
}

/** The photo's real path, format and hash, or the message saying why it cannot be shown. */
function checkPhoto(
  src: string,
  noticesDir: string,
  files: ContentFiles,
): Pick<SourceImage, "sourcePath" | "format" | "hash"> | string {
  let path: string;
  try {
    path = decodeURIComponent(src);
  } catch {
    path = src;
  }
  if (path === "" || /[?#]/.test(path)) {
    return `${describeValue(src)}: write the path of a file from the notices folder, like images/photo.jpg`;
  }
  if (!EXTENSIONS.test(path)) {
    return `${describeValue(src)}: expected a JPEG, PNG or WebP photo (.jpg, .jpeg, .png or .webp)`;
  }
  const file = files.inspect(resolve(noticesDir, path));
  const read = file === "missing" || isNotAFile(file) ? file : files.read(resolve(noticesDir, path));
  if (read === "missing") return `file not found: ${describeValue(src)}`;
  if (isNotAFile(read)) return `${describeValue(src)} ${read.problem}`;
  if (file === "missing" || isNotAFile(file)) return `file not found: ${describeValue(src)}`;
  const format = formatOf(read.bytes);
  if (format === undefined) {
    return `${describeValue(src)} is not a JPEG, PNG or WebP image (its content is something else)`;
  }
  const size = headerSize(read.bytes);
  if (size && size.width * size.height > MAX_PIXELS) {
    return `${describeValue(src)} is ${String(size.width)} × ${String(size.height)} pixels: a photo may have at most ${String(MAX_PIXELS)} (16383 × 16383); make it smaller (the site shows it at most 1440 pixels wide)`;
  }
  return {
    sourcePath: file.realPath,
    format,
    hash: createHash("sha256").update(read.bytes).digest("hex"),
  };
}

/**
 * The most pixels the image decoder (sharp, through eleventy-img) accepts by default: a larger
 * photo would pass the check and fail the build ("exceeds pixel limit").
 */
const MAX_PIXELS = 0x3fff * 0x3fff;

/**
 * Width and height from the image's header (image-size, the reader eleventy-img uses), without
 * decoding it; undefined when the header cannot be read, which decoding then reports.
 */
function headerSize(bytes: Buffer): { width: number; height: number } | undefined {
  try {
    const { width, height } = imageSize(bytes);
    return width === undefined || height === undefined ? undefined : { width, height };
  } catch {
    return undefined;
  }
}

/** The format of an image file by its signature (https://mimesniff.spec.whatwg.org/#matching-an-image-type-pattern). */
function formatOf(bytes: Buffer): PhotoFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return "png";
  }
  if (bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") {
    return "webp";
  }
  return undefined;
}
