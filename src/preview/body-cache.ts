/**
 * The preview's prepared notice bodies (Markdown rendered, Korean search terms found), kept from
 * one rebuild to the next so that an edit prepares only the bodies that changed.
 */
import { createHash } from "node:crypto";
import { bodyKey, prepareNoticeBodies } from "../notice-body.ts";
import type { BodySource, NoticeBody } from "../notice-body.ts";

/** Prepared bodies by notice key, with what they were prepared from. */
export type BodyCache = Map<string, CachedBody>;

/** One prepared body and what it was prepared from. */
export interface CachedBody {
  /** The title, text and photos, compared as strings. */
  readonly source: BodySourceText;
  readonly prepared: NoticeBody;
}

/** What a body is prepared from. */
export interface BodySourceText {
  readonly title: string;
  readonly body: string;
  readonly photos: string;
}

// A photo replaced under the same name changes its hash, not the notice's text.
export const photosOf = (notice: BodySource) =>
  (notice.images ?? []).map((image) => `${image.src} ${image.hash}`).join("\n");

/** A digest of what a body is prepared from, as a version's cache keeps it (src/output/). */
export function bodySourceDigest(source: BodySourceText): string {
  const hash = createHash("sha256");
  for (const part of [source.title, source.body, source.photos]) hash.update(part).update("\u0000");
  return hash.digest("hex");
}

function sameSource(cached: CachedBody["source"], notice: BodySource): boolean {
  const now = { title: notice.title, body: notice.body, photos: photosOf(notice) };
  return cached.title === now.title && cached.body === now.body && cached.photos === now.photos;
}

/**
 * Prepares the bodies whose title or text changed since the last call with the same cache and
 * reuses the rest; leaves the cache holding exactly the bodies of `notices`.
 */
export async function prepareChangedBodies(
  notices: readonly BodySource[],
  cache: BodyCache,
): Promise<Map<string, NoticeBody>> {
  const bodies = new Map<string, NoticeBody>();
  const changed: BodySource[] = [];
  for (const notice of notices) {
    const cached = cache.get(bodyKey(notice));
    if (cached && sameSource(cached.source, notice)) {
      bodies.set(bodyKey(notice), cached.prepared);
    } else changed.push(notice);
  }
  for (const [key, body] of await prepareNoticeBodies(changed)) bodies.set(key, body);
  cache.clear();
  for (const notice of notices) {
    const prepared = bodies.get(bodyKey(notice));
    if (prepared) {
      const { title, body } = notice;
      const source = { title, body, photos: photosOf(notice) };
      cache.set(bodyKey(notice), { source, prepared });
    }
  }
  return bodies;
}
