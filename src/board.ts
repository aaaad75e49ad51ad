/**
 * The board model: published notices per language, sorted, numbered, paired with their
 * translations, with previous / next and their list page, all computed in one pass each.
 */
import { LANGS } from "./options.ts";
import { attachmentUrl, boardPageUrl, noticeUrl, otherLang } from "./urls.ts";
import type { Lang } from "./options.ts";
import { isExpired, isPinned, isPublished } from "./content/notice.ts";
import type { SourceAttachment, SourceNotice } from "./content/notice.ts";
import { DEFAULT_BOARDS } from "./content/schema.ts";
import type {
  BoardSettingsEntry,
  Departments,
  License,
  Ministries,
  SiteSettings,
} from "./content/schema.ts";
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

/** A board as a notice or a list page names it: its id, URL segment and name in one language. */
export interface BoardRef {
  readonly id: string;
  readonly segment: string;
  readonly name: string;
}

/** One board of "What's New" in one language, with its listed notices, newest first. */
export interface BoardView extends BoardRef {
  readonly lang: Lang;
  readonly url: string;
  readonly feed: boolean;
  readonly listed: readonly Notice[];
}

/** What the board knows of the site besides its notices. */
export interface BoardSettings {
  /** The boards of "What's New" (`_data/boards.json`), in menu order. */
  readonly boards?: readonly BoardSettingsEntry[];
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
  readonly board: BoardRef;
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
  /** The body as its page shows it (not enumerable: see withBody). */
  readonly html: string;
  /** Digest of `html` and `searchTerms`: what the page's signature holds of the body. */
  readonly bodyDigest: string;
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
  /** Shown unnumbered at the top of every list page of its board (it keeps its numbered row). */
  readonly pinned: boolean;
  /** Newer than the board's `newDays`: carries the "new" badge. */
  readonly isNew: boolean;
  /** The board list page this notice is on. */
  readonly listUrl: string;
  /** Older notice on the same board. */
  readonly previous?: NoticeLink;
  /** Newer notice on the same board. */
  readonly next?: NoticeLink;
  readonly translation?: NoticeLink & { readonly lang: Lang };
}

/**
 * The notice with its body's HTML and search terms, taken from the body when a template asks
 * (a production build reads them from its cache file, src/output/stored-bodies.ts). They are not
 * enumerable: a notice serialised or spread (a page's signature) carries `bodyDigest` instead.
 */
function withBody(notice: Omit<Notice, "html" | "searchTerms">, body: NoticeBody): Notice {
  return Object.defineProperties(notice, {
    html: { get: () => body.html, enumerable: false },
    searchTerms: { get: () => body.searchTerms, enumerable: false },
  }) as Notice;
}

/** One page of a board list. */
export interface BoardPage {
  readonly lang: Lang;
  readonly board: BoardRef;
  /** The board's pinned notices, newest first, shown above the numbered rows. */
  readonly pinned: readonly Notice[];
  /** Which column the list shows where a notice comes from. */
  readonly column: SiteSettings["boardColumn"];
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
  /** Listed notices per language, newest first, every board together. */
  readonly listed: Readonly<Record<Lang, readonly Notice[]>>;
  /** The boards of each language, in menu order. */
  readonly boards: Readonly<Record<Lang, readonly BoardView[]>>;
  /** Every board list page, all languages. */
  readonly pages: readonly BoardPage[];
}

/** Newest first; the same day is ordered by slug so the order never depends on file order. */
export function compareNotices(
  a: Pick<SourceNotice, "date" | "slug">,
  b: Pick<SourceNotice, "date" | "slug">,
): number {
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
  const boardSettings = settings.boards ?? DEFAULT_BOARDS;
  const published = sources.filter((n) => mode.preview || isPublished(n, mode.now));
  // Translations are the same file name in the same board of the other language.
  const keyOf = (lang: Lang, board: string, slug: string) => `${lang}/${board}/${slug}`;
  const titles = new Map(published.map((n) => [keyOf(n.lang, n.board, n.slug), n.title]));

  const notices: Notice[] = [];
  const listed = {} as Record<Lang, Notice[]>;
  const boards = {} as Record<Lang, BoardView[]>;
  const pages: BoardPage[] = [];
  for (const lang of LANGS) {
    listed[lang] = [];
    boards[lang] = [];
    const other = otherLang(lang);
    for (const entry of boardSettings) {
      const segment = entry.segment ?? entry.id;
      const ref: BoardRef = { id: entry.id, segment, name: entry.name[lang] };
      const otherSegment = segment;
      const boardColumn = entry.column ?? column;
      const all = published
        .filter((n) => n.lang === lang && n.board === entry.id)
        .sort(compareNotices);
      const onList = all.filter((n) => !isExpired(n, mode.now));
      const position = new Map(onList.map((n, index) => [n.slug, index]));
      const newSince = mode.now - entry.newDays * 86_400_000;

      const boardNotices = all.map((source): Notice => {
        const body = bodies.get(bodyKey(source)) ?? prepareNoticeBody(source);
        const { image, photoFiles } = body;
        const index = position.get(source.slug);
        const older = index === undefined ? undefined : onList[index + 1];
        const newer = index === undefined ? undefined : onList[index - 1];
        const translationTitle = titles.get(keyOf(other, entry.id, source.slug));
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
        const url = noticeUrl(lang, segment, source.slug);
        const notice = {
          lang,
          board: ref,
          slug: source.slug,
          url,
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
          source: boardSource(boardColumn, department, ministryName),
          bodyDigest: body.digest,
          ...(image
            ? {
                image: {
                  url: `${url}${image.fileName}`,
                  width: image.width,
                  height: image.height,
                  alt: image.alt,
                },
              }
            : {}),
          ...(photoFiles ? { photoFiles } : {}),
          attachments: source.attachments.map((a) => ({
            ...a,
            url: attachmentUrl(lang, segment, source.slug, a.fileName),
          })),
          draft: source.draft,
          future: source.date.epochMs > mode.now,
          expired: isExpired(source, mode.now),
          ...(index === undefined ? {} : { number: onList.length - index }),
          pinned: index !== undefined && isPinned(source, mode.now),
          isNew: entry.newDays > 0 && source.date.epochMs > newSince,
          listUrl: boardPageUrl(
            lang,
            segment,
            index === undefined ? 1 : Math.floor(index / entry.pageSize) + 1,
          ),
          ...(older
            ? { previous: { title: older.title, url: noticeUrl(lang, segment, older.slug) } }
            : {}),
          ...(newer
            ? { next: { title: newer.title, url: noticeUrl(lang, segment, newer.slug) } }
            : {}),
          ...(translationTitle === undefined
            ? {}
            : {
                translation: {
                  lang: other,
                  title: translationTitle,
                  url: noticeUrl(other, otherSegment, source.slug),
                },
              }),
        };
        return withBody(notice, body);
      });
      notices.push(...boardNotices);
      const boardListed = boardNotices.filter((n) => !n.expired);
      listed[lang].push(...boardListed);
      boards[lang].push({
        ...ref,
        lang,
        url: boardPageUrl(lang, segment),
        feed: entry.feed,
        listed: boardListed,
      });
      const pinned = boardListed.filter((n) => n.pinned);
      pages.push(...paginate(lang, ref, boardColumn, entry.pageSize, boardListed, pinned));
    }
    // Every board together, newest first, for the language's feed and the home page.
    listed[lang].sort(compareNotices);
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
  return { column, notices, listed, boards, pages, facets };
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

function paginate(
  lang: Lang,
  board: BoardRef,
  column: SiteSettings["boardColumn"],
  pageSize: number,
  listed: readonly Notice[],
  pinned: readonly Notice[],
): BoardPage[] {
  const count = Math.max(1, Math.ceil(listed.length / pageSize));
  const url = (number: number) => boardPageUrl(lang, board.segment, number);
  return Array.from({ length: count }, (_, i) => {
    const number = i + 1;
    const blockStart = Math.floor(i / PAGE_LINKS) * PAGE_LINKS + 1;
    const blockEnd = Math.min(count, blockStart + PAGE_LINKS - 1);
    return {
      lang,
      board,
      pinned,
      column,
      number,
      url: url(number),
      count,
      total: listed.length,
      notices: listed.slice(i * pageSize, number * pageSize),
      pages: Array.from({ length: blockEnd - blockStart + 1 }, (_, j) => ({
        number: blockStart + j,
        url: url(blockStart + j),
      })),
      firstUrl: url(1),
      lastUrl: url(count),
      ...(number > 1 ? { previousUrl: url(number - 1) } : {}),
      ...(number < count ? { nextUrl: url(number + 1) } : {}),
    };
  });
}
