/**
 * The board model: published notices per language, sorted, numbered, paired with their
 * translations, with previous / next and their list page, all computed in one pass each.
 */
import { DEFAULTS, LANGS } from "./options.ts";
import { attachmentUrl, boardPageUrl, noticeUrl, otherLang } from "./urls.ts";
import type { Lang } from "./options.ts";
import { isExpired, isPublished } from "./content/notice.ts";
import type { SourceAttachment, SourceNotice } from "./content/notice.ts";
import type { Departments, License, Ministries, SiteSettings } from "./content/schema.ts";
import { bodyKey, prepareNoticeBody } from "./notice-body.ts";
import type { BodyPhotoFile, NoticeBody } from "./notice-body.ts";

/** Which notices a build publishes. */
export interface PublishMode {
  /** Instant the build counts as "now": future notices wait, expired ones leave the lists. */
  readonly now: number;
  /** Preview (the dev server) shows drafts and future notices, marked as such. */
  readonly preview: boolean;
}

/** A link to another notice. */
export interface NoticeLink {
  readonly title: string;
  readonly url: string;
}

/** An attachment as the page shows it. */
export interface Attachment extends SourceAttachment {
  readonly url: string;
}

/** The department in charge of a notice, in the notice's language. */
export interface NoticeDepartment {
  readonly code: string;
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
}

/** What the board knows of the site besides its notices. */
export interface BoardSettings {
  readonly departments?: Departments;
  /** The licence of notices that name none (`_data/identity.json`). */
  readonly defaultLicense?: License;
  /** Which column the board list shows (`_data/site.json` boardColumn). */
  readonly column?: SiteSettings["boardColumn"];
}

/** A notice's first photo, its og:image: the largest JPEG or PNG made of it. */
export interface NoticeImage {
  /** Site path (without the path prefix), next to the notice's page. */
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

/** One published notice with everything its page needs. */
export interface Notice {
  readonly lang: Lang;
  readonly slug: string;
  readonly url: string;
  readonly title: string;
  readonly summary?: string;
  readonly date: SourceNotice["date"];
  readonly readCount: number;
  readonly ministry: string;
  readonly ministryName: string;
  readonly department?: NoticeDepartment;
  /** The person to ask, as written. */
  readonly contact?: string;
  /** The notice's own licence, else the site's default. */
  readonly license: License;
  /** Last change, when the notice names one; it keeps its place on the board by `date`. */
  readonly updated?: SourceNotice["date"];
  /** What the board list's source column shows: the department or the ministry (boardSource). */
  readonly source: string;
  readonly html: string;
  /** Extra search terms (parts of Korean compounds, nouns without particles); empty for English. */
  readonly searchTerms: string;
  /** The first photo of the body, for og:image. */
  readonly image?: NoticeImage;
  /** The files of the body's photos, copied next to the page. */
  readonly photoFiles?: readonly BodyPhotoFile[];
  readonly attachments: readonly Attachment[];
  readonly draft: boolean;
  readonly future: boolean;
  readonly expired: boolean;
  /** Running number on the board (oldest = 1); undefined for expired notices, which are not listed. */
  readonly number?: number;
  /** The board list page this notice is on. */
  readonly listUrl: string;
  /** Older notice on the same board. */
  readonly previous?: NoticeLink;
  /** Newer notice on the same board. */
  readonly next?: NoticeLink;
  readonly translation?: NoticeLink & { readonly lang: Lang };
}

/** One page of a board list. */
export interface BoardPage {
  readonly lang: Lang;
  readonly number: number;
  readonly url: string;
  readonly notices: readonly Notice[];
  /** Total pages of this language's board. */
  readonly count: number;
  /** Total notices on this language's board. */
  readonly total: number;
  /** Page links shown: the block of ten this page is in, as on Korean boards. */
  readonly pages: readonly { readonly number: number; readonly url: string }[];
  readonly firstUrl: string;
  readonly lastUrl: string;
  readonly previousUrl?: string;
  readonly nextUrl?: string;
}

const PAGE_LINKS = 10;

/** Values of the search filters of one language, as the notices carry them. */
export interface SearchFacets {
  readonly ministries: readonly string[];
  readonly years: readonly string[];
}

/** The whole site's notices, ready for the templates. */
export interface Board {
  /** Which column the board list shows where a notice comes from. */
  readonly column: SiteSettings["boardColumn"];
  /** Ministry names and years present among each language's notices, for the search filters. */
  readonly facets: Readonly<Record<Lang, SearchFacets>>;
  /** Every published notice, all languages (one page each). */
  readonly notices: readonly Notice[];
  /** Listed notices per language, newest first. */
  readonly listed: Readonly<Record<Lang, readonly Notice[]>>;
  /** Every board list page, all languages. */
  readonly pages: readonly BoardPage[];
}

/** Newest first; the same day is ordered by slug so the order never depends on file order. */
export function compareNotices(a: SourceNotice, b: SourceNotice): number {
  if (a.date.epochMs !== b.date.epochMs) return b.date.epochMs - a.date.epochMs;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/**
 * Builds the board from valid source notices. `bodies` holds bodies prepared beforehand (by
 * prepareNoticeBodies, in worker threads); a notice missing from it is prepared here.
 */
export function buildBoard(
  sources: readonly SourceNotice[],
  ministries: Ministries,
  mode: PublishMode,
  bodies: ReadonlyMap<string, NoticeBody> = new Map(),
  settings: BoardSettings = {},
): Board {
  const column = settings.column ?? "ministry";
  const published = sources.filter((n) => mode.preview || isPublished(n, mode.now));
  const publishedKeys = new Set(published.map((n) => `${n.lang}/${n.slug}`));
  const titles = new Map(published.map((n) => [`${n.lang}/${n.slug}`, n.title]));

  const notices: Notice[] = [];
  const listed = {} as Record<Lang, Notice[]>;
  const pages: BoardPage[] = [];
  for (const lang of LANGS) {
    const all = published.filter((n) => n.lang === lang).sort(compareNotices);
    const onList = all.filter((n) => !isExpired(n, mode.now));
    const position = new Map(onList.map((n, index) => [n.slug, index]));
    const other = otherLang(lang);

    const langNotices = all.map((source): Notice => {
      const { html, searchTerms, image, photoFiles } =
        bodies.get(bodyKey(source)) ?? prepareNoticeBody(source);
      const index = position.get(source.slug);
      const older = index === undefined ? undefined : onList[index + 1];
      const newer = index === undefined ? undefined : onList[index - 1];
      const translationKey = `${other}/${source.slug}`;
      const translationTitle = publishedKeys.has(translationKey)
        ? titles.get(translationKey)
        : undefined;
      const known =
        source.department === undefined ? undefined : settings.departments?.[source.department];
      const department: NoticeDepartment | undefined =
        known && source.department !== undefined
          ? {
              code: source.department,
              name: known[lang],
              ...(known.phone ? { phone: known.phone } : {}),
              ...(known.email ? { email: known.email } : {}),
            }
          : undefined;
      const ministryName = ministries[source.ministry]?.[lang] ?? source.ministry;
      return {
        lang,
        slug: source.slug,
        url: noticeUrl(lang, source.slug),
        title: source.title,
        ...(source.summary ? { summary: source.summary } : {}),
        date: source.date,
        readCount: source.readCount,
        ministry: source.ministry,
        ministryName,
        ...(department ? { department } : {}),
        ...(source.contact ? { contact: source.contact } : {}),
        license: source.license ?? settings.defaultLicense ?? "none",
        ...(source.updated ? { updated: source.updated } : {}),
        source: boardSource(column, department, ministryName),
        html,
        searchTerms,
        ...(image
          ? {
              image: {
                url: `${noticeUrl(lang, source.slug)}${image.fileName}`,
                width: image.width,
                height: image.height,
                alt: image.alt,
              },
            }
          : {}),
        ...(photoFiles ? { photoFiles } : {}),
        attachments: source.attachments.map((a) => ({
          ...a,
          url: attachmentUrl(lang, source.slug, a.fileName),
        })),
        draft: source.draft,
        future: source.date.epochMs > mode.now,
        expired: isExpired(source, mode.now),
        ...(index === undefined ? {} : { number: onList.length - index }),
        listUrl: boardPageUrl(
          lang,
          index === undefined ? 1 : Math.floor(index / DEFAULTS.pageSize) + 1,
        ),
        ...(older ? { previous: { title: older.title, url: noticeUrl(lang, older.slug) } } : {}),
        ...(newer ? { next: { title: newer.title, url: noticeUrl(lang, newer.slug) } } : {}),
        ...(translationTitle === undefined
          ? {}
          : {
              translation: {
                lang: other,
                title: translationTitle,
                url: noticeUrl(other, source.slug),
              },
            }),
      };
    });
    notices.push(...langNotices);
    const langListed = langNotices.filter((n) => !n.expired);
    listed[lang] = langListed;
    pages.push(...paginate(lang, langListed));
  }
  const facets = {} as Record<Lang, SearchFacets>;
  for (const lang of LANGS) {
    const own = notices.filter((n) => n.lang === lang);
    facets[lang] = {
      ministries: [...new Set(own.map((n) => n.ministryName))].sort((a, b) =>
        a.localeCompare(b, lang),
      ),
      years: [...new Set(own.map((n) => n.date.day.slice(0, 4)))].sort().reverse(),
    };
  }
  return { column, notices, listed, pages, facets };
}

/**
 * The one place that reads the board column setting: the department where the site lists
 * departments (a notice without one shows its ministry), else the ministry.
 */
export function boardSource(
  column: SiteSettings["boardColumn"],
  department: NoticeDepartment | undefined,
  ministryName: string,
): string {
  return column === "department" && department ? department.name : ministryName;
}

function paginate(lang: Lang, listed: readonly Notice[]): BoardPage[] {
  const count = Math.max(1, Math.ceil(listed.length / DEFAULTS.pageSize));
  return Array.from({ length: count }, (_, i) => {
    const number = i + 1;
    const blockStart = Math.floor(i / PAGE_LINKS) * PAGE_LINKS + 1;
    const blockEnd = Math.min(count, blockStart + PAGE_LINKS - 1);
    return {
      lang,
      number,
      url: boardPageUrl(lang, number),
      count,
      total: listed.length,
      notices: listed.slice(i * DEFAULTS.pageSize, number * DEFAULTS.pageSize),
      pages: Array.from({ length: blockEnd - blockStart + 1 }, (_, j) => ({
        number: blockStart + j,
        url: boardPageUrl(lang, blockStart + j),
      })),
      firstUrl: boardPageUrl(lang, 1),
      lastUrl: boardPageUrl(lang, count),
      ...(number > 1 ? { previousUrl: boardPageUrl(lang, number - 1) } : {}),
      ...(number < count ? { nextUrl: boardPageUrl(lang, number + 1) } : {}),
    };
  });
}
