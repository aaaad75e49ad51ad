/** RSS 2.0 and Atom exports of a board, read with @rowanmanning/feed-parser. */
import { parseFeed } from "@rowanmanning/feed-parser";
import type { FeedItem } from "@rowanmanning/feed-parser/lib/feed/item/base.js";
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
      html: bodyHtml(item) ?? undefined,
      attachments: item.media.map((media) => media.url),
      url: item.url ?? undefined,
      id: undefined,
    };
  });
}

/** What HTML's own characters are as text. */
const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

/**
 * An entry's body as HTML. The parser's `content` and `description` decode entities once more
 * after XML has (`&amp;lt;b&amp;gt;`, the text "<b>", came out as a real <b> tag, and an escaped
 * `&lt;your name&gt;` in CDATA vanished as an unknown tag): the element's text is taken as XML
 * gives it instead, which for RSS's description and content:encoded and Atom's
 * `type="html"` is the HTML itself. Atom's plain text is escaped; its XHTML, which XML does not
 * escape, is left to the parser.
 */
function bodyHtml(item: FeedItem): string | null {
  const encoded = item.element.findElementWithName("encoded");
  if (encoded?.namespace === "content" && encoded.textContent.trim() !== "") {
    return encoded.textContent.trim();
  }
  for (const name of ["content", "summary"]) {
    const atom = item.element.findElementWithName(name);
    // Atom's own element, in the feed's default namespace or as atom:content (not media:content).
    const own = typeof atom?.namespace === "symbol" || atom?.namespace === "atom";
    if (atom === null || !own || atom.textContent.trim() === "") continue;
    const type = atom.getAttribute("type") ?? "text";
    if (type === "html" || type === "text/html") return atom.textContent.trim();
    if (type === "xhtml") return item.content;
    return atom.textContent.trim().replace(/[&<>"]/g, (character) => HTML_ESCAPES[character] ?? "");
  }
  const description = item.element.findElementWithName("description");
  return description ? description.textContent.trim() : item.description;
}
