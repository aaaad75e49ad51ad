/**
 * Reads the content folder on every build and exposes the validated board to the templates as
 * the global `sosik`; copies attachments next to their notices.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { buildBoard } from "../board.ts";
import type { Board } from "../board.ts";
import { ContentError } from "../content/errors.ts";
import { loadContent } from "../content/load.ts";
import type { LoadedContent } from "../content/load.ts";
import type { Ministries, SiteSettings } from "../content/schema.ts";
import { buildFeeds } from "../feeds.ts";
import type { Feed } from "../feeds.ts";
import { UI } from "../i18n.ts";
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
}

/** Validates content and builds the board; throws ContentError listing every problem. */
export function siteDataFrom(
  content: LoadedContent,
  options: { baseUrl?: string; pathPrefix?: string; preview: boolean; now: number },
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
  const board = buildBoard(content.notices, content.ministries, options);
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
  });
}

/** Eleventy plugin: global `sosik` data, content watching and attachment copying. */
export function siteDataPlugin(eleventyConfig: UserConfig): void {
  const options = getBuildOptions(eleventyConfig);
  let preloaded = options.preloaded;
  let current: SiteData | undefined;

  eleventyConfig.addWatchTarget(options.contentDir);
  eleventyConfig.addGlobalData("sosik", () => {
    const content = preloaded ?? loadContent(options.contentDir);
    preloaded = undefined;
    current = siteDataFrom(content, options);
    return current;
  });

  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }: EleventyAfterEvent) => {
    if (outputMode !== "fs" || !current) return;
    for (const notice of current.board.notices) {
      if (notice.attachments.length === 0) continue;
      const folder = join(directories.output, notice.lang, "notices", notice.slug);
      await mkdir(folder, { recursive: true });
      for (const attachment of notice.attachments) {
        await copyFile(attachment.sourcePath, join(folder, attachment.fileName));
      }
    }
  });
}

/** The part of Eleventy's `eleventy.after` event argument that Sosik reads. */
export interface EleventyAfterEvent {
  readonly directories: { readonly output: string };
  readonly outputMode: "fs" | "json" | "ndjson";
}
