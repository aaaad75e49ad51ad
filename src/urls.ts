/**
 * Every URL of the site and "the other language", in one place. URLs are root-relative paths
 * without the path prefix, which the path-prefix part adds to every page when it is written
 * (src/plugins/path-prefix.ts); feeds and the sitemap make them absolute with `siteUrl`. The
 * templates get the same functions as the Nunjucks global `urls` (src/plugins/sosik.ts).
 */
import { LANGS } from "./options.ts";
import type { Lang } from "./options.ts";

/** The other language of a bilingual site. */
export function otherLang(lang: Lang): Lang {
  return lang === "ko" ? "en" : "ko";
}

/** A language's home page: `/ko/`. */
export function homeUrl(lang: Lang): string {
  return `/${lang}/`;
}

/** A board as its URLs name it: `notices` in `/ko/notices/` (`_data/boards.json` segment). */
export type BoardSegment = string;

/** Page `number` of a board's list: `/ko/notices/`, `/ko/notices/page/2/`. */
export function boardPageUrl(lang: Lang, board: BoardSegment, number = 1): string {
  const list = `/${lang}/${board}/`;
  return number <= 1 ? list : `${list}page/${String(number)}/`;
}

/** A notice's page: `/ko/notices/2018-07-23-slug/`. */
export function noticeUrl(lang: Lang, board: BoardSegment, slug: string): string {
  return `/${lang}/${board}/${slug}/`;
}

/** An attachment, published in its notice's folder under its own (encoded) file name. */
export function attachmentUrl(
  lang: Lang,
  board: BoardSegment,
  slug: string,
  fileName: string,
): string {
  return `${noticeUrl(lang, board, slug)}${encodeURIComponent(fileName)}`;
}

/** The folder of a notice's page in the output, where its attachments are copied. */
export function noticeOutputFolder(lang: Lang, board: BoardSegment, slug: string): string {
  return `${lang}/${board}/${slug}`;
}

/** A board's Atom feed in one language: `/ko/feeds/board-press.xml`. */
export function boardFeedUrl(lang: Lang, board: BoardSegment): string {
  return `/${lang}/feeds/board-${board}.xml`;
}

/** A language's search page: `/ko/search/`. */
export function searchUrl(lang: Lang): string {
  return `/${lang}/search/`;
}

/** A language's Atom feed: `/ko/feed.xml`. */
export function feedUrl(lang: Lang): string {
  return `/${lang}/feed.xml`;
}

/** A ministry's Atom feed in one language: `/ko/feeds/mois.xml`. */
export function ministryFeedUrl(lang: Lang, ministry: string): string {
  return `/${lang}/feeds/${ministry.toLowerCase()}.xml`;
}

/** The same page in each language, for hreflang alternates: `{ ko: "/ko/", en: "/en/" }`. */
export type LanguageVersions = Readonly<Partial<Record<Lang, string>>>;

/** A page in a language and its translation: both versions, keyed by language. */
export function languageVersions(lang: Lang, url: string, translation: string): LanguageVersions {
  return Object.freeze({ [lang]: url, [otherLang(lang)]: translation });
}

/**
 * The language versions of every page that has a translation, by URL: the home pages, the
 * first board list pages, the search pages and translated notices. Both the pages' hreflang
 * links (layouts/partials/base.njk) and the sitemap read it.
 */
export function alternatesByUrl(
  boards: readonly BoardSegment[],
  translations: Iterable<{ readonly lang: Lang; readonly url: string; readonly other: string }>,
): Readonly<Record<string, LanguageVersions>> {
  const byUrl: Record<string, LanguageVersions> = {};
  for (const lang of LANGS) {
    const other = otherLang(lang);
    for (const [url, translation] of [
      [homeUrl(lang), homeUrl(other)],
      ...boards.map((board) => [boardPageUrl(lang, board), boardPageUrl(other, board)] as const),
      [searchUrl(lang), searchUrl(other)],
    ] as const) {
      byUrl[url] = languageVersions(lang, url, translation);
    }
  }
  for (const page of translations)
    byUrl[page.url] = languageVersions(page.lang, page.url, page.other);
  return Object.freeze(byUrl);
}

/** A file named in `_data/identity.json` (logo, sharing image), published below `/brand/`. */
export function identityFileUrl(file: string): string {
  return `/brand/${file.split("/").map(encodeURIComponent).join("/")}`;
}

/** The URL functions the templates call, as the Nunjucks global `urls`. */
export const templateUrls = Object.freeze({
  otherLang,
  identityFile: identityFileUrl,
  home: homeUrl,
  board: boardPageUrl,
  notice: noticeUrl,
  search: searchUrl,
  feed: feedUrl,
});
