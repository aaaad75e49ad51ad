/**
 * The sitemap: every published page with the date its content last changed and, for pages that
 * exist in both languages, the hreflang alternates search engines use to pair them
 * (https://developers.google.com/search/docs/specialty/international/localized-versions).
 */
import type { Board } from "./board.ts";
import { LANGS, otherLang } from "./options.ts";
import type { Lang } from "./options.ts";

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
 * The root redirect and the 404 page are left out; they are not pages to index.
 */
export function buildSitemap(board: Board, defaultLang: Lang): SitemapEntry[] {
  const paired = (lang: Lang, url: string, otherUrl: string): SitemapAlternate[] => {
    const byLang = { [lang]: url, [otherLang(lang)]: otherUrl } as Record<Lang, string>;
    return [
      ...LANGS.map((code) => ({ hreflang: code, url: byLang[code] })),
      { hreflang: "x-default" as const, url: byLang[defaultLang] },
    ];
  };
  const entries: SitemapEntry[] = [];
  for (const lang of LANGS) {
    const other = otherLang(lang);
    const newest = board.listed[lang][0]?.date.iso;
    const listing = (url: string, alternates: readonly SitemapAlternate[]): SitemapEntry => ({
      url,
      ...(newest ? { lastmod: newest } : {}),
      alternates,
    });
    entries.push(listing(`/${lang}/`, paired(lang, `/${lang}/`, `/${other}/`)));
    for (const page of board.pages.filter((p) => p.lang === lang)) {
      const alternates = page.number === 1 ? paired(lang, page.url, `/${other}/notices/`) : [];
      entries.push(listing(page.url, alternates));
    }
    entries.push(
      listing(`/${lang}/search/`, paired(lang, `/${lang}/search/`, `/${other}/search/`)),
    );
    for (const notice of board.notices.filter((n) => n.lang === lang)) {
      entries.push({
        url: notice.url,
        lastmod: notice.date.iso,
        alternates: notice.translation ? paired(lang, notice.url, notice.translation.url) : [],
      });
    }
  }
  return entries;
}
