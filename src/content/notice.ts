/**
 * The notice model: one valid notice file as the rest of Sosik sees it. Its front-matter fields
 * are the zod schema's output (src/content/schema.ts), so a key added there is a field here;
 * the rest says where the notice came from and what its files are. The rules every part applies
 * to notices (file name, published, scheduled, expired) are defined here once.
 */
import type { Lang } from "../options.ts";
import type { SourceImage } from "./images.ts";
import type { NoticeFrontMatter } from "./schema.ts";

/** An attachment checked to exist, with what the page shows of it. */
export interface SourceAttachment {
  readonly title: string;
  /** File name in the output, next to the notice page. */
  readonly fileName: string;
  readonly sourcePath: string;
  readonly sizeBytes: number;
  /** Upper-case extension, `PDF`. */
  readonly type: string;
}

/** One valid notice file: its front matter as the schema gives it, and where it came from. */
export type SourceNotice = Readonly<Omit<NoticeFrontMatter, "attachments">> & {
  readonly lang: Lang;
  /** The board's id: the folder the file is in, `content/{lang}/{board}/`. */
  readonly board: string;
  readonly slug: string;
  /** Path for messages, relative to the working directory. */
  readonly file: string;
  readonly attachments: readonly SourceAttachment[];
  /** The photos of the body (src/content/images.ts), when it has any. */
  readonly images?: readonly SourceImage[];
  /** The Markdown body. */
  readonly body: string;
};

/** `2018-07-23-words-in-ascii`: the notice's day, then lower-case ASCII words. */
export const SLUG_PATTERN = /^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The parts of a notice the publishing rules read. */
type Dated = Pick<SourceNotice, "draft" | "date" | "expires">;

/** Whether a build at `now` publishes the notice: not a draft, and its day has come. */
export function isPublished(notice: Dated, now: number): boolean {
  return !notice.draft && notice.date.epochMs <= now;
}

/** Whether the notice waits for its day: not a draft, dated after `now`. */
export function isScheduled(notice: Dated, now: number): boolean {
  return !notice.draft && notice.date.epochMs > now;
}

/** Whether the notice is pinned to the top of its board's list pages at `now`. */
export function isPinned(notice: Pick<SourceNotice, "pinned">, now: number): boolean {
  const { pinned } = notice;
  return pinned === true || (typeof pinned === "object" && pinned.epochMs > now);
}

/** Whether the notice has left the lists and feeds at `now` (its page stays). */
export function isExpired(notice: Dated, now: number): boolean {
  return notice.expires !== undefined && notice.expires.epochMs <= now;
}
