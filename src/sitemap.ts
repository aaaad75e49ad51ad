/**
 * The sitemap: every published page with the date its content last changed and, for pages that
 * exist in both languages, the hreflang alternates search engines use to pair them
 * (https://developers.google.com/search/docs/specialty/international/localized-versions).
 */
import type { Board } from "./board.ts";
import { LANGS } from "./options.ts";
import type { Lang } from "./options.ts";
import { homeUrl, searchUrl } from "./urls.ts";
import type { LanguageVersions } from "./urls.ts";

/** One `xhtml:link` of a sitemap entry. */
export interface SitemapAlternate {
  readonly hreflang: Lang | "x-default";
  /** URL path without the path prefix. */
  readonly url: string;
}

/** One `<url>` of the sitemap. */
export interface SitemapEntry {
  /** URL path without the path prefix. */
  readonly url: string;
  /** W3C date-time of the newest notice the page shows; absent on an empty board. */
  readonly lastmod?: string;
  /** Both languages and `x-default` for translated pages, else empty. */
  readonly alternates: readonly SitemapAlternate[];
}

/**
 * Every page a reader can land on, language by language: home, board lists, search, notices.
 * The root redirect and the 404 page are left out; they are not pages to index. `alternates`
 * holds the language versions of every translated page (src/urls.ts, alternatesByUrl).
 */
export function buildSitemap(
  board: Board,
  defaultLang: Lang,
  alternates: Readonly<Record<string, LanguageVersions>>,
): SitemapEntry[] {
  const linksOf = (url: string): SitemapAlternate[] => {
    const versions = alternates[url];
    if (!versions) return [];
    return [
      ...LANGS.flatMap((code) => {
        const version = versions[code];
        return version ? [{ hreflang: code, url: version }] : [];
      }),
      { hreflang: "x-default" as const, url: versions[defaultLang] ?? url },
    ];
  };
  const entries: SitemapEntry[] = [];
  for (const lang of LANGS) {
    const newest = board.listed[lang][0]?.date.iso;
    const listing = (url: string): SitemapEntry => ({
      url,
      ...(newest ? { lastmod: newest } : {}),
      alternates: linksOf(url),
    });
    entries.push(listing(homeUrl(lang)));
    for (const page of board.pages.filter((p) => p.lang === lang)) entries.push(listing(page.url));
    entries.push(listing(searchUrl(lang)));
    for (const notice of board.notices.filter((n) => n.lang === lang)) {
      const lastmod = (notice.updated ?? notice.date).iso;
      entries.push({ url: notice.url, lastmod, alternates: linksOf(notice.url) });
    }
  }
  return entries;
}
