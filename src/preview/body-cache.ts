/**
 * The preview's prepared notice bodies (Markdown rendered, Korean search terms found), kept from
 * one rebuild to the next so that an edit prepares only the bodies that changed.
 */
import { bodyKey, prepareNoticeBodies } from "../notice-body.ts";
import type { BodySource, NoticeBody } from "../notice-body.ts";

/** Prepared bodies by notice key, with the title, text and photos they were prepared from. */
export type BodyCache = Map<
  string,
  { title: string; body: string; photos: string; prepared: NoticeBody }
>;

// A photo replaced under the same name changes its hash, not the notice's text.
const photosOf = (notice: BodySource) =>
  (notice.images ?? []).map((image) => `${image.src} ${image.hash}`).join("\n");

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
    if (
      cached?.title === notice.title &&
      cached.body === notice.body &&
      cached.photos === photosOf(notice)
    ) {
      bodies.set(bodyKey(notice), cached.prepared);
    } else changed.push(notice);
  }
  for (const [key, body] of await prepareNoticeBodies(changed)) bodies.set(key, body);
  cache.clear();
  for (const notice of notices) {
    const prepared = bodies.get(bodyKey(notice));
    if (prepared) {
      const { title, body } = notice;
      cache.set(bodyKey(notice), { title, body, photos: photosOf(notice), prepared });
    }
  }
  return bodies;
}
