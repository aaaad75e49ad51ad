/** The Markdown renderer for notice bodies: raw HTML is shown as text, never rendered. */
import MarkdownIt from "markdown-it";
import type { Env, MarkdownIt as MarkdownItInstance, StateCore } from "markdown-it";

/** A processed photo as a body shows it: file names relative to the notice's page. */
export interface PhotoView {
  readonly width: number;
  readonly height: number;
  /** `<source>`s, best format first: `{ type: "image/avif", srcset: "a-480.avif 480w, ..." }`. */
  readonly sources: readonly { readonly type: string; readonly srcset: string }[];
  /** The `<img>` for browsers that read none of the sources: the largest file in `src`. */
  readonly fallback: { readonly src: string; readonly srcset: string };
  readonly sizes: string;
}

/** What a body is rendered with: its photos by their src as written. */
export interface BodyEnv {
  readonly photos?: Readonly<Record<string, PhotoView>>;
  /** Photos rendered so far: the first loads at once, the rest lazily. */
  photoCount?: number;
}

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
  // A paragraph holding a photo alone becomes a figure (with the title as its caption): a
  // figure may not stand inside a paragraph.
  md.core.ruler.after("inline", "sosik_figures", (state: StateCore) => {
    const env = state.env as BodyEnv;
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const [open, inline, close] = [tokens[i], tokens[i + 1], tokens[i + 2]];
      const only = inline?.children?.length === 1 ? inline.children[0] : undefined;
      if (
        open?.type !== "paragraph_open" ||
        close?.type !== "paragraph_close" ||
        only?.type !== "image"
      )
        continue;
      if (env.photos?.[String(only.attrGet("src") ?? "")] === undefined) continue;
      open.hidden = true;
      close.hidden = true;
      only.meta = { figure: true };
    }
  });
  const renderImage = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, index, options, env: Env | undefined, self) => {
    const token = tokens[index];
    const photos = (env ?? {}) as BodyEnv;
    const photo = token ? photos.photos?.[String(token.attrGet("src") ?? "")] : undefined;
    if (!token || !photo) {
      // An image from another site: loaded only when near, and told nothing of the page.
      if (token && isOtherSiteLink(String(token.attrGet("src") ?? ""))) {
        token.attrSet("loading", "lazy");
        token.attrSet("referrerpolicy", "no-referrer");
      }
      return renderImage ? renderImage(tokens, index, options, env, self) : "";
    }
    const alt = self.renderInlineAsText(token.children ?? [], options, env ?? {});
    const first = (photos.photoCount ?? 0) === 0;
    photos.photoCount = (photos.photoCount ?? 0) + 1;
    const picture = photoMarkup(photo, alt, first);
    if ((token.meta as { figure?: boolean } | null)?.figure !== true) return picture;
    const caption = String(token.attrGet("title") ?? "").trim();
    const figcaption = caption ? `<figcaption>${md.utils.escapeHtml(caption)}</figcaption>` : "";
    return `<figure class="photo">${picture}${figcaption}</figure>\n`;
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

/**
 * Lines whose container markers (`>`, list markers, indentation) are this long may nest blocks
 * deep enough for markdown-it to stop: each level of nesting takes at least one character.
 */
const DEEP_PREFIX = /^[ \t>*+\-0-9.)]{80}/m;

/**
 * The line (1-based, in `source`) where blocks nest deeper than markdown-it follows, or undefined
 * when they never do. At its nesting limit (100 levels: 50 nested lists, 100 quotes) markdown-it
 * silently skips the rest of the text, so such a body would lose its end without a word.
 */
export function tooDeeplyNested(source: string): number | undefined {
  if (!DEEP_PREFIX.test(source)) return undefined;
  const md = createMarkdown();
  const { maxNesting } = md.options;
  const tokenize = md.block.tokenize.bind(md.block);
  let found: number | undefined;
  md.block.tokenize = (state, startLine, endLine) => {
    // The point where markdown-it gives up: blocks left to read at the deepest level it allows.
    if (found === undefined && state.level >= maxNesting && startLine < endLine) {
      found = startLine + 1;
    }
    tokenize(state, startLine, endLine);
  };
  md.parse(source, {});
  return found;
}

/** Renders a notice body to HTML, its photos (by src as written) as responsive pictures. */
export function renderMarkdown(
  source: string,
  photos?: Readonly<Record<string, PhotoView>>,
): string {
  const env: BodyEnv = photos ? { photos } : {};
  return shared.render(source, env as Env);
}

/**
 * A `<picture>` of a photo: AVIF and WebP sources, the fallback `<img>` with its real size (so
 * the page does not move as it loads). The first photo of a body is near the top of the page
 * and loads at once; the rest wait until the reader scrolls near them.
 */
function photoMarkup(photo: PhotoView, alt: string, first: boolean): string {
  const escape = (text: string) => shared.utils.escapeHtml(text);
  const sizes = escape(photo.sizes);
  const sources = photo.sources
    .map(
      (source) =>
        `<source type="${escape(source.type)}" srcset="${escape(source.srcset)}" sizes="${sizes}">`,
    )
    .join("");
  const loading = first ? "" : ' loading="lazy" decoding="async"';
  return (
    `<picture>${sources}<img src="${escape(photo.fallback.src)}" srcset="${escape(photo.fallback.srcset)}" sizes="${sizes}"` +
    ` width="${String(photo.width)}" height="${String(photo.height)}" alt="${escape(alt)}"${loading}></picture>`
  );
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
