/**
 * The data every template sees as `sosik`: site settings, the board, feeds and sitemap, made
 * once per build from validated content.
 */
import { buildBoard } from "./board.ts";
import type { Board, BoardPage, Notice } from "./board.ts";
import { ContentError } from "./content/errors.ts";
import type { LoadedContent } from "./content/load.ts";
import type { Departments, Identity, Ministries, SiteSettings } from "./content/schema.ts";
import { buildFeeds } from "./feeds.ts";
import type { Feed } from "./feeds.ts";
import { UI } from "./i18n.ts";
import type { NoticeBody } from "./notice-body.ts";
import { LANGS } from "./options.ts";
import { buildSitemap } from "./sitemap.ts";
import type { SitemapEntry } from "./sitemap.ts";
import { alternatesByUrl } from "./urls.ts";
import type { LanguageVersions } from "./urls.ts";

/** What every template sees as `sosik`. */
export interface SiteData {
  readonly site: SiteSettings;
  readonly ministries: Ministries;
  /** Who runs the site (`_data/identity.json`); without the file, the site's name is the operator. */
  readonly identity: Identity;
  readonly departments: Departments;
  readonly board: Board;
  /** Atom feeds, per language and per ministry. */
  readonly feeds: readonly Feed[];
  /** Pages listed in /sitemap.xml. */
  readonly sitemap: readonly SitemapEntry[];
  /** The language versions of every translated page, by URL (hreflang links and sitemap). */
  readonly alternates: Readonly<Record<string, LanguageVersions>>;
  readonly langs: typeof LANGS;
  readonly ui: typeof UI;
  readonly preview: boolean;
  readonly readCountsUpdated?: string;
  /** The pages this build renders: all of them, or in the preview after an edit only some. */
  readonly render: RenderSet;
}

/** Notice pages and board list pages a build renders (the paginated templates read these). */
export interface RenderSet {
  readonly notices: readonly Notice[];
  readonly pages: readonly BoardPage[];
}

/** Validates content and builds the board; throws ContentError listing every problem. */
export function siteDataFrom(
  content: LoadedContent,
  options: { baseUrl?: string; pathPrefix?: string; preview: boolean; now: number },
  bodies?: ReadonlyMap<string, NoticeBody>,
): SiteData {
  const errors = content.issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0 || !content.site || !content.ministries) {
    throw new ContentError(content.issues);
  }
  const site: SiteSettings = {
    ...content.site,
    ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, "") } : {}),
    ...(options.pathPrefix ? { pathPrefix: options.pathPrefix } : {}),
  };
  const identity: Identity = content.identity ?? {
    operator: content.site.name,
    social: [],
    defaultLicense: "none",
  };
  const departments = content.departments ?? {};
  const board = buildBoard(content.notices, content.ministries, options, bodies, {
    departments,
    defaultLicense: identity.defaultLicense,
    column: site.boardColumn,
    boards: content.boards,
  });
  const alternates = alternatesByUrl(
    content.boards.map((entry) => entry.segment ?? entry.id),
    board.notices.flatMap((notice) =>
      notice.translation
        ? [{ lang: notice.lang, url: notice.url, other: notice.translation.url }]
        : [],
    ),
  );
  // Frozen, so Eleventy hands it to every paginated page as it is instead of wrapping each
  // page's view of it in proxies (node_modules/@11ty/eleventy/src/Util/Objects/ProxyWrap.js).
  return Object.freeze({
    site,
    ministries: content.ministries,
    identity,
    departments,
    board,
    feeds: buildFeeds(board, content.ministries, site.name),
    sitemap: buildSitemap(board, site.defaultLang, alternates),
    alternates,
    langs: LANGS,
    ui: UI,
    preview: options.preview,
    ...(content.readCountsUpdated ? { readCountsUpdated: content.readCountsUpdated } : {}),
    render: { notices: board.notices, pages: board.pages },
  });
}
