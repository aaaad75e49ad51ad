/**
 * Links between notices: every link of a notice body that points into the board is found with
 * markdown-it's own parser (so code spans and escaped brackets are not mistaken for links) and
 * checked against the notices that exist.
 */
import type { Env, Token } from "markdown-it";
import { createMarkdown, isOtherSiteLink } from "../markdown.ts";
import { isPhotoPath } from "./images.ts";
import { isLang } from "../options.ts";
import type { Lang } from "../options.ts";
import { DEFAULTS } from "../options.ts";
import { noticeUrl } from "../urls.ts";

/** A link found in a notice body. */
export interface BodyLink {
  readonly href: string;
  /** 1-based line in the body (not the file). */
  readonly line: number;
}

/** Where a link inside the board leads. */
export type BoardTarget =
  | { readonly kind: "notice"; readonly lang: Lang; readonly slug: string }
  | {
      readonly kind: "attachment";
      readonly lang: Lang;
      readonly slug: string;
      readonly fileName: string;
    };

// The tokens must match what the page renders, so the parser has the renderer's options; its
// inline pass is left out here and run only on paragraphs that may hold a link, because token
// objects are costly and most paragraphs have none.
const parser = createMarkdown();
parser.core.ruler.disable(["inline", "linkify", "replacements", "smartquotes", "text_join"]);

// Every link syntax markdown-it knows has one of these: `](`, `]:` (a reference definition),
// `][` or `]` with a definition, `<scheme:` (an autolink).
const MAY_HOLD_LINK = /\]\(|\]:|\]\[|<[a-z][a-z0-9+.-]*:/i;
const DESTINATIONS = /\]\(\s*<?([^\s)>]*)|\]:\s*<?([^\s>]*)|<([a-z][a-z0-9+.-]*:[^\s>]*)>/gi;

/**
 * The links and images of a Markdown body, with their lines. With `isOutside`, a body whose
 * every link destination is outside (as that function says) is not parsed at all.
 */
export function bodyLinks(body: string, isOutside?: (href: string) => boolean): BodyLink[] {
  if (!MAY_HOLD_LINK.test(body)) return [];
  if (isOutside !== undefined && destinations(body).every(isOutside)) return [];
  const env: Env = {};
  const found: BodyLink[] = [];
  for (const block of parser.parse(body, env)) {
    if (block.type !== "inline") continue;
    const hasReferences = env.references !== undefined && Object.keys(env.references).length > 0;
    if (!MAY_HOLD_LINK.test(block.content) && !(hasReferences && block.content.includes("]"))) {
      continue;
    }
    const children: Token[] = [];
    parser.inline.parse(block.content, parser, env, children);
    let line = (block.map?.[0] ?? 0) + 1;
    for (const token of children) {
      if (token.type === "softbreak" || token.type === "hardbreak") line++;
      const href = linkOf(token);
      if (href !== undefined) found.push({ href, line });
    }
  }
  return found;
}

/** Link destinations as written, found without parsing: a superset of the real ones. */
function destinations(body: string): string[] {
  return [...body.matchAll(DESTINATIONS)].map((match) => match[1] ?? match[2] ?? match[3] ?? "");
}

/** True for an address that cannot lead into the board: another site, or this page's anchor. */
export function isOutsideBoard(href: string, siteOrigins: readonly string[]): boolean {
  if (siteOrigins.some((origin) => href.startsWith(origin))) return false;
  return href.startsWith("#") || isOtherSiteLink(href);
}

function linkOf(token: Token): string | undefined {
  const attribute = token.type === "link_open" ? "href" : token.type === "image" ? "src" : "";
  if (attribute === "") return undefined;
  const value = token.attrGet(attribute);
  // A photo beside the notice (images/a.jpg) is no link into the board: images.ts checks it.
  if (value !== null && token.type === "image" && isPhotoPath(String(value))) return undefined;
  return value === null ? undefined : String(value);
}

/**
 * Where `href`, written in the notice `lang/slug`, leads inside the board; undefined when it
 * leads elsewhere (another site, a list page, the search page, an anchor on the same page).
 * `siteOrigins` are the site's own absolute addresses (`https://news.example.go.kr/`), whose
 * links are checked too.
 */
export function boardTarget(
  href: string,
  from: { readonly lang: Lang; readonly board: string; readonly slug: string },
  siteOrigins: readonly string[] = [],
  segments: ReadonlySet<string> = new Set([DEFAULTS.noticesFolder]),
): BoardTarget | undefined {
  const parts = sitePathParts(href, from, siteOrigins);
  if (parts === undefined) return undefined;
  // ["", lang, board, slug, rest?, ...]
  const [, lang, folder, slug, rest, ...more] = parts;
  if (lang === undefined || !isLang(lang) || folder === undefined || !segments.has(folder)) return undefined;
  if (slug === undefined || slug === "" || slug === "page") return undefined;
  if (more.length > 0) return { kind: "attachment", lang, slug, fileName: more.join("/") };
  if (rest === undefined || rest === "" || rest === "index.html") {
    return { kind: "notice", lang, slug };
  }
  return { kind: "attachment", lang, slug, fileName: rest };
}

/**
 * The decoded segments of the path a link of this site leads to, resolved against the page it
 * is written in (`../other-slug/` becomes a board path); undefined for a link elsewhere.
 */
function sitePathParts(
  href: string,
  from: { readonly lang: Lang; readonly board: string; readonly slug: string },
  siteOrigins: readonly string[],
): string[] | undefined {
  if (isOutsideBoard(href, siteOrigins)) return undefined;
  const own = siteOrigins.find((origin) => href.startsWith(origin));
  const path = own === undefined ? href : `/${href.slice(own.length)}`;
  try {
    const base = `http://site${noticeUrl(from.lang, from.board, from.slug)}`;
    return new URL(path, base).pathname.split("/").map(safeDecode);
  } catch {
    return undefined;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * For a link into this site's language folders (`/en/...`) that is no notice or attachment:
 * whether it names one of the other pages a build makes there (the language's home, a board's
 * list and its pages, search, feeds). Links elsewhere on the site's host (`/policy/`) may be
 * served by another system and are not judged: undefined. Query and fragment do not count.
 */
export function sitePageExists(
  href: string,
  from: { readonly lang: Lang; readonly board: string; readonly slug: string },
  siteOrigins: readonly string[],
  segments: ReadonlySet<string>,
): boolean | undefined {
  const parts = sitePathParts(href, from, siteOrigins);
  if (parts === undefined) return undefined;
  const [, lang, ...rest] = parts;
  if (lang === undefined || !isLang(lang)) return undefined;
  const inside = rest.join("/");
  if (inside === "" || inside === "index.html") return true;
  if (/^(?:search\/(?:index\.html)?|feed\.xml|feeds\/[a-z0-9-]+\.xml)$/.test(inside)) return true;
  const [folder, ...page] = rest;
  if (folder === undefined || !segments.has(folder)) return false;
  const list = page.join("/");
  return list === "" || list === "index.html" || /^page\/[1-9]\d*\/(?:index\.html)?$/.test(list);
}
