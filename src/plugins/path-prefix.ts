/**
 * Serves the site under a path prefix (`/repo-name/`): every root-relative URL in the pages
 * written gets the prefix, by the rules of Eleventy's HTML base plugin
 * (https://www.11ty.dev/docs/plugins/html-base/) and with Eleventy's own `url` filter.
 *
 * The plugin itself parses and re-serialises every page with posthtml, about 1.2 ms a page:
 * 12 s for a board of 10,000 notices. Sosik's pages come only from its templates and from
 * markdown-it with raw HTML off, so every tag is well formed, every attribute value is quoted
 * and escaped, and no URL sits in `srcset` or `ping`; a scan of the start tags finds exactly the
 * URLs the plugin would, and rewrites them in place. The plugin stays registered for its
 * `transformWithHtmlBase` filter (feeds), with its page-wide rewrite switched off.
 */
import { HtmlBasePlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";

// Eleventy's plugin modules sit deeper than TypeScript reads JavaScript types from.
const htmlBase = HtmlBasePlugin as unknown as (
  eleventyConfig: UserConfig,
  options: { baseHref: string },
) => void;

// Tags and attributes that hold one URL, as the HTML base plugin lists them (@11ty/posthtml-urls).
const URL_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    a: ["href"],
    area: ["href"],
    audio: ["src"],
    base: ["href"],
    blockquote: ["cite"],
    button: ["formaction"],
    del: ["cite"],
    embed: ["src"],
    form: ["action"],
    iframe: ["src"],
    img: ["src"],
    input: ["formaction", "src"],
    ins: ["cite"],
    link: ["href"],
    object: ["data"],
    q: ["cite"],
    script: ["src"],
    source: ["src"],
    track: ["src"],
    video: ["poster", "src"],
  }).map(([tag, names]) => [tag, new Set(names)]),
);

// A comment, or a start tag with its attributes. Raw text (script, style) is skipped by hand.
const TAG = /<!--[\s\S]*?-->|<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>/g;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'[^']*'|[^\s"'=<>`]+))?/g;
const RAW_TEXT_END: Readonly<Record<string, RegExp>> = {
  script: /<\/script\s*>/gi,
  style: /<\/style\s*>/gi,
};
// The refresh URL in `<meta http-equiv="refresh" content="0; url=/en/">` (http-equiv-refresh).
const REFRESH = /^\s*(\d+)(?:\s*;(?:\s*url\s*=)?\s*(?:["']\s*(.*?)\s*['"]|(.*?)))?\s*$/i;

/** Rewrites the URLs of one page with `toUrl`, as the HTML base plugin would. */
export function rewritePageUrls(html: string, toUrl: (url: string) => string): string {
  let out = "";
  let copied = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null; match = TAG.exec(html)) {
    const tag = match[1]?.toLowerCase();
    const attributes = match[2];
    if (tag === undefined) continue; // a comment
    if (attributes !== undefined) {
      const rewritten = rewriteAttributes(tag, attributes, toUrl);
      if (rewritten !== attributes) {
        const start = match.index + 1 + tag.length;
        out += html.slice(copied, start) + rewritten;
        copied = start + attributes.length;
      }
    }
    const rawEnd = RAW_TEXT_END[tag];
    if (rawEnd) {
      rawEnd.lastIndex = TAG.lastIndex;
      TAG.lastIndex = rawEnd.exec(html) === null ? html.length : rawEnd.lastIndex;
    }
  }
  return copied === 0 ? html : out + html.slice(copied);
}

function rewriteAttributes(
  tag: string,
  attributes: string,
  toUrl: (url: string) => string,
): string {
  const names = URL_ATTRIBUTES.get(tag);
  const refresh = tag === "meta" && /\shttp-equiv\s*=\s*"refresh"/i.test(attributes);
  if (!names && !refresh) return attributes;
  return attributes.replace(ATTRIBUTE, (whole, name: string, value: string | undefined) => {
    if (value === undefined) return whole;
    const lower = name.toLowerCase();
    let rewritten: string | undefined;
    if (names?.has(lower)) {
      rewritten = toUrl(value.trim());
    } else if (refresh && lower === "content") {
      const parsed = REFRESH.exec(value);
      if (parsed) {
        rewritten = `${String(Number(parsed[1]))}; url=${toUrl((parsed[2] || parsed[3] || "").trim())}`;
      }
    }
    return rewritten === undefined
      ? whole
      : whole.slice(0, whole.length - value.length - 1) + rewritten + '"';
  });
}

// A root-relative path already in normal form: no empty, "." or ".." segment, no query or hash.
const NORMAL_ROOT_PATH = /^(?:\/(?!\.\.?(?:\/|$))[^/?#\\\s]+)*\/?$/;
const NORMAL_PREFIX = /^\/(?:[^/]+\/)+$/;

/**
 * What Eleventy's `url` filter gives for the common case, without its cost (it tries `new URL`
 * on every value, and an exception each time is slow): `/en/notices/` under `/sosik/` is
 * `/sosik/en/notices/`. Undefined for anything else, which goes to the filter itself.
 */
export function prefixedPath(value: string, prefix: string): string | undefined {
  if (!value.startsWith("/") || !NORMAL_ROOT_PATH.test(value) || !NORMAL_PREFIX.test(prefix)) {
    return undefined;
  }
  // The filter leaves the prefix itself alone, and maps the root to it.
  if (value === "/" || value === prefix) return prefix;
  return prefix + value.slice(1);
}

/** Eleventy plugin: path prefix applied to all links, scripts and stylesheets of every page. */
export function pathPrefixPlugin(eleventyConfig: UserConfig): void {
  // baseHref "/" keeps the plugin's filters and turns off its page-wide rewrite.
  eleventyConfig.addPlugin(htmlBase, { baseHref: "/" });
  eleventyConfig.addTransform(
    "sosik-path-prefix",
    function (this: { page: { outputPath?: unknown } }, content: string) {
      const prefix = eleventyConfig.pathPrefix;
      const outputPath = this.page.outputPath;
      if (prefix === "/" || typeof outputPath !== "string" || !outputPath.endsWith(".html"))
        return content;
      const url = eleventyConfig.getFilter("url") as (url: string) => string;
      return rewritePageUrls(content, (value) => prefixedPath(value, prefix) ?? url(value));
    },
  );
}
