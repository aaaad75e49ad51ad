/** The Markdown renderer for notice bodies: raw HTML is shown as text, never rendered. */
import MarkdownIt from "markdown-it";
import type { MarkdownIt as MarkdownItInstance } from "markdown-it";

// A scheme (`https:`), or two slashes of either kind (`//host/x`, `\\host\x`, `/\host`): browsers
// read a backslash as a slash in http(s) addresses (https://url.spec.whatwg.org/#special-authority-slashes-state),
// so all of these lead to another host. markdown-it writes a backslash as %5C, which counts too.
const OTHER_SITE = /^(?:[a-z][a-z0-9+.-]*:|(?:[\\/]|%5c){2})/i;

/** True for a link to another site: one with a scheme, or protocol-relative (`//host/x`). */
export function isOtherSiteLink(href: string): boolean {
  return OTHER_SITE.test(href.trimStart());
}

/** A markdown-it instance with HTML off; body headings start at h2 under the notice's h1. */
export function createMarkdown(): MarkdownItInstance {
  // html: false escapes raw HTML; markdown-it's validateLink already refuses javascript:,
  // vbscript:, file: and non-image data: URLs (https://github.com/markdown-it/markdown-it/blob/master/lib/index.mjs).
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

  const renderToken = md.renderer.renderToken.bind(md.renderer);
  md.renderer.rules.heading_open = (tokens, index, options) => {
    const token = tokens[index];
    if (token?.tag === "h1") token.tag = "h2";
    return renderToken(tokens, index, options);
  };
  md.renderer.rules.heading_close = (tokens, index, options) => {
    const token = tokens[index];
    if (token?.tag === "h1") token.tag = "h2";
    return renderToken(tokens, index, options);
  };
  md.renderer.rules.link_open = (tokens, index, options) => {
    const token = tokens[index];
    const href = String(token?.attrGet("href") ?? "");
    // Other sites get no window.opener and no referrer.
    if (token && isOtherSiteLink(href) && !/^mailto:/i.test(href)) {
      token.attrSet("rel", "noopener noreferrer");
      token.attrSet("class", "external");
    }
    return renderToken(tokens, index, options);
  };
  return md;
}

const shared = createMarkdown();

/** Renders a notice body to HTML. */
export function renderMarkdown(source: string): string {
  return shared.render(source);
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
};

/** The text of HTML rendered by markdown-it (whose only entities are the five it escapes). */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}
