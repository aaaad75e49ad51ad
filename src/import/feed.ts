/** RSS 2.0 and Atom exports of a board, read with @rowanmanning/feed-parser. */
import { parseFeed } from "@rowanmanning/feed-parser";
import type { ExportEntry } from "./entries.ts";

/**
 * The entries of a feed, or why it is not one. Dates are taken as written in the feed (the
 * parser's Date would lose the offset and whether a time was given).
 */
export function readFeed(
  text: string,
  fileName: string,
): ExportEntry[] | { readonly problem: string } {
  let feed;
  try {
    feed = parseFeed(text);
  } catch (error) {
    return {
      problem: `not an RSS or Atom feed (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  return feed.items.map((item, index) => {
    const title = item.title ?? undefined;
    const shown =
      title === undefined
        ? ""
        : ` (${JSON.stringify(title.length > 60 ? `${title.slice(0, 57)}...` : title)})`;
    const written = ["pubdate", "published", "date", "updated"]
      .map((name) => item.element.findElementWithName(name)?.textContent.trim())
      .find((value) => value !== undefined && value !== "");
    return {
      where: `${fileName}: entry ${String(index + 1)}${shown}`,
      order: index + 1,
      title,
      date: written,
      html: item.content ?? item.description ?? undefined,
      attachments: item.media.map((media) => media.url),
      url: item.url ?? undefined,
      id: undefined,
    };
  });
}
