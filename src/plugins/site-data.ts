/**
 * Reads the content folder on every build and exposes the validated board to the templates as
 * the global `sosik`; copies attachments next to their notices.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { buildBoard } from "../board.ts";
import type { Board, BoardPage, Notice } from "../board.ts";
import { ContentError } from "../content/errors.ts";
import { loadContent } from "../content/load.ts";
import type { LoadedContent, NoticeParseCache } from "../content/load.ts";
import type { Ministries, SiteSettings } from "../content/schema.ts";
import { buildFeeds } from "../feeds.ts";
import type { Feed } from "../feeds.ts";
import { UI } from "../i18n.ts";
import { bodyKey, prepareNoticeBodies } from "../notice-body.ts";
import type { BodySource, NoticeBody } from "../notice-body.ts";
import { LANGS } from "../options.ts";
import { buildSitemap } from "../sitemap.ts";
import type { SitemapEntry } from "../sitemap.ts";
import { getBuildOptions } from "./build-options.ts";

/** What every template sees as `sosik`. */
export interface SiteData {
  readonly site: SiteSettings;
  readonly ministries: Ministries;
  readonly board: Board;
  /** Atom feeds, per language and per ministry. */
  readonly feeds: readonly Feed[];
  /** Pages listed in /sitemap.xml. */
  readonly sitemap: readonly SitemapEntry[];
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
  const board = buildBoard(content.notices, content.ministries, options, bodies);
  // Frozen, so Eleventy hands it to every paginated page as it is instead of wrapping each
  // page's view of it in proxies (node_modules/@11ty/eleventy/src/Util/Objects/ProxyWrap.js).
  return Object.freeze({
    site,
    ministries: content.ministries,
    board,
    feeds: buildFeeds(board, content.ministries, site.name),
    sitemap: buildSitemap(board, site.defaultLang),
    langs: LANGS,
    ui: UI,
    preview: options.preview,
    ...(content.readCountsUpdated ? { readCountsUpdated: content.readCountsUpdated } : {}),
    render: { notices: board.notices, pages: board.pages },
  });
}

const siteDataByConfig = new WeakMap<UserConfig, SiteData>();

/** The site data of the last build of a configuration (for plugins that run after it). */
export function currentSiteData(eleventyConfig: UserConfig): SiteData | undefined {
  return siteDataByConfig.get(eleventyConfig);
}

/**
 * Eleventy plugin: global `sosik` data, content watching and attachment copying. In the
 * preview, a rebuild after a change in the content folder renders only the notice and list
 * pages whose data changed (the others are still in the output from before); a change to site
 * settings, ministries or anything outside the content folder renders all.
 */
export function siteDataPlugin(eleventyConfig: UserConfig): void {
  const options = getBuildOptions(eleventyConfig);
  let preloaded = options.preloaded;
  let preparedBodies = options.preparedBodies;
  let current: SiteData | undefined;
  /** Files changed since the last build, as the watcher reported them; undefined: a first build. */
  let changedFiles: readonly string[] | undefined;
  /** What the last successful build rendered, for the next rebuild to compare with. */
  let rendered: RenderedSignatures | undefined;
  /** What this build renders, taken as rendered once the build has written it. */
  let rendering: RenderedSignatures | undefined;
  const bodyCache: BodyCache = new Map();
  const parseCache: NoticeParseCache = options.parseCache ?? (new Map() as NoticeParseCache);

  eleventyConfig.addWatchTarget(options.contentDir);
  eleventyConfig.on("eleventy.beforeWatch", (files: readonly string[]) => {
    changedFiles = files;
  });

  eleventyConfig.addGlobalData("sosik", async () => {
    const content = preloaded ?? loadContent(options.contentDir, { cache: parseCache });
    const prepared = preloaded ? preparedBodies : undefined;
    preloaded = undefined;
    preparedBodies = undefined;
    // Invalid content throws in siteDataFrom before any body is prepared.
    const valid = content.issues.every((issue) => issue.severity !== "error");
    const bodies = valid
      ? await (prepared ?? prepareChangedBodies(content.notices, bodyCache))
      : undefined;
    const full = siteDataFrom(content, options, bodies);
    // Only the preview renders again into the same folder; a build for publishing renders all.
    const signatures = options.preview ? renderSignatures(full) : undefined;
    const onlyContent =
      options.preview &&
      changedFiles !== undefined &&
      changedFiles.every((file) => isContentInput(options.contentDir, file));
    current =
      onlyContent && signatures && rendered && rendered.global === signatures.global
        ? Object.freeze({ ...full, render: changedPages(full.board, signatures, rendered) })
        : full;
    rendering = signatures;
    changedFiles = undefined;
    siteDataByConfig.set(eleventyConfig, current);
    return current;
  });

  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }: EleventyAfterEvent) => {
    if (outputMode !== "fs" || !current) return;
    rendered = rendering;
    for (const notice of current.render.notices) {
      if (notice.attachments.length === 0) continue;
      const folder = join(directories.output, notice.lang, "notices", notice.slug);
      await mkdir(folder, { recursive: true });
      for (const attachment of notice.attachments) {
        await copyFile(attachment.sourcePath, join(folder, attachment.fileName));
      }
    }
  });
}

/** What each page of a build is drawn from, in a form cheap to compare with the next build. */
interface RenderedSignatures {
  /** Site settings, ministries and anything else every page shows. */
  readonly global: string;
  /** Per notice URL. */
  readonly notices: ReadonlyMap<string, NoticeSignature>;
  /** Per board list page URL. */
  readonly pages: ReadonlyMap<string, string>;
}

/**
 * A notice's fields as JSON, but its body HTML and search terms as the strings themselves: an
 * unchanged body is the very string of the last build (from the body cache), so comparing it
 * costs nothing, where serialising 10,000 bodies again would take a noticeable part of a second.
 */
interface NoticeSignature {
  readonly fields: string;
  readonly html: string;
  readonly searchTerms: string;
}

function sameNotice(a: NoticeSignature | undefined, b: NoticeSignature | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.fields === b.fields &&
    a.html === b.html &&
    a.searchTerms === b.searchTerms
  );
}

function renderSignatures(data: SiteData): RenderedSignatures {
  const notices = new Map<string, NoticeSignature>();
  for (const notice of data.board.notices) {
    const { html, searchTerms, ...fields } = notice;
    notices.set(notice.url, { fields: JSON.stringify(fields), html, searchTerms });
  }
  const pages = new Map<string, string>();
  for (const page of data.board.pages) {
    // A list row shows a notice's fields, never its body.
    const rows = page.notices.map((n) => notices.get(n.url)?.fields);
    pages.set(page.url, JSON.stringify({ ...page, notices: rows }));
  }
  const { site, ministries, preview, readCountsUpdated } = data;
  return {
    global: JSON.stringify({ site, ministries, preview, readCountsUpdated }),
    notices,
    pages,
  };
}

/** The pages whose signature differs from the last build's (new pages included). */
function changedPages(
  board: Board,
  now: RenderedSignatures,
  before: RenderedSignatures,
): RenderSet {
  return {
    notices: board.notices.filter(
      (n) => !sameNotice(before.notices.get(n.url), now.notices.get(n.url)),
    ),
    pages: board.pages.filter((p) => before.pages.get(p.url) !== now.pages.get(p.url)),
  };
}

/**
 * True for a changed file inside the content folder. What such a change alters is found by
 * comparing signatures (site settings and ministry names are in the global one); a change
 * anywhere else, such as a layout, renders everything.
 */
function isContentInput(contentDir: string, file: string): boolean {
  const path = relative(contentDir, resolve(file));
  return !path.startsWith("..") && !isAbsolute(path);
}

/** Prepared bodies by notice key, with the title and text they were prepared from. */
type BodyCache = Map<string, { title: string; body: string; prepared: NoticeBody }>;

/**
 * Prepares the bodies whose title or text changed since the last call with the same cache and
 * reuses the rest; leaves the cache holding exactly the bodies of `notices`.
 */
async function prepareChangedBodies(
  notices: readonly BodySource[],
  cache: BodyCache,
): Promise<Map<string, NoticeBody>> {
  const bodies = new Map<string, NoticeBody>();
  const changed: BodySource[] = [];
  for (const notice of notices) {
    const cached = cache.get(bodyKey(notice));
    if (cached?.title === notice.title && cached.body === notice.body) {
      bodies.set(bodyKey(notice), cached.prepared);
    } else changed.push(notice);
  }
  for (const [key, body] of await prepareNoticeBodies(changed)) bodies.set(key, body);
  cache.clear();
  for (const notice of notices) {
    const prepared = bodies.get(bodyKey(notice));
    if (prepared) cache.set(bodyKey(notice), { title: notice.title, body: notice.body, prepared });
  }
  return bodies;
}

/** The part of Eleventy's `eleventy.after` event argument that Sosik reads. */
export interface EleventyAfterEvent {
  readonly directories: { readonly output: string };
  readonly outputMode: "fs" | "json" | "ndjson";
}
