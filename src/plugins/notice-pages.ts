/**
 * The notice pages and board list pages, rendered by Sosik itself rather than paginated by
 * Eleventy. Eleventy's pagination makes a page object per page, runs its data cascade and keeps
 * every rendered page in memory until the build ends (it hands them all to `eleventy.after`): at
 * 100,000 notices that is the heap Node runs out of, and its time per page grows with the
 * board. Each of these pages is drawn by one layout from the site data alone, so this part
 * renders it with Eleventy's own Nunjucks environment (the same filters, globals and options as
 * every other page), applies the path prefix as the prefix transform does, writes it, and keeps
 * only its URL and search digest.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { fileDigest } from "../output/render-cache.ts";
import { outputFile } from "../preview/render-set.ts";
import { noticePages } from "../search/index-writer.ts";
import type { IndexedPage } from "../search/shards.ts";
import type { SiteData } from "../site-data.ts";
import type { BuildState } from "./build-state.ts";
import { prefixedPath, rewritePageUrls } from "./path-prefix.ts";

/** The layout every notice page is drawn with (layouts/partials/). */
export const NOTICE_LAYOUT = "notice-page.njk";

/** The layout every board list page is drawn with (layouts/partials/). */
export const BOARD_LAYOUT = "board-page.njk";

/** Pages written at once: enough to keep the disk busy, few enough to hold little memory. */
const WRITES_AT_ONCE = 16;

/** The part of a Nunjucks environment this renderer calls. */
interface TemplateEnvironment {
  render(name: string, context: object): string;
}

/** The part of Eleventy's `eleventy.after` argument that rendering reads. */
interface AfterEvent {
  readonly directories: { readonly output: string };
  readonly outputMode: "fs" | "json" | "ndjson";
}

/**
 * Eleventy plugin: after Eleventy has written its pages, the list pages and notice pages this
 * build renders (`sosik.render`), written into the output. The search index waits for them
 * through `state.noticePages`.
 */
export function noticePagesPlugin(eleventyConfig: UserConfig, state: BuildState): void {
  let environment: TemplateEnvironment | undefined;
  /**
   * The preview renders again into the same folder: the notice and list pages its last build
   * had, by URL, so that the next one removes those its board no longer has (a deleted or
   * renamed notice, a list page past the board's new end). Done here, in the build, because a
   * build may still be writing a page when its notice is deleted.
   */
  let previewPages = new Map<string, OwnPage["kind"]>();
  // Eleventy makes a new Nunjucks environment for every build of a watching process.
  eleventyConfig.on(
    "eleventy.engine.njk",
    ({ environment: made }: { environment: TemplateEnvironment }) => {
      environment = made;
    },
  );
  eleventyConfig.on("eleventy.after", ({ directories, outputMode }: AfterEvent) => {
    const site = state.siteData;
    if (outputMode !== "fs" || !site) return undefined;
    const templates = environment;
    if (!templates) throw new Error("Eleventy made no Nunjucks environment for notice pages");
    const prefix = eleventyConfig.pathPrefix;
    const url = eleventyConfig.getFilter("url") as (value: string) => string;
    const toUrl =
      prefix === "/"
        ? undefined
        : (value: string): string => prefixedPath(value, prefix) ?? url(value);
    const files = new Map<string, string>();
    const warm = state.options.warm !== undefined;
    let stale = Promise.resolve();
    if (state.options.preview) {
      const now = new Map<string, OwnPage["kind"]>([
        ...site.board.notices.map((notice) => [notice.url, "notice"] as const),
        ...site.board.pages.map((page) => [page.url, "list"] as const),
      ]);
      const gone = [...previewPages].filter(([page]) => !now.has(page));
      stale = removePages(directories.output, gone);
      previewPages = now;
    }
    state.noticePages = stale
      .then(() =>
        writeNoticePages(templates, site, directories.output, {
          ...(toUrl ? { toUrl } : {}),
          advanced: () => state.options.progress?.advanced(),
          // A production build records each file it writes (src/output/render-cache.ts).
          ...(warm
            ? { written: (path: string, content: string) => files.set(path, fileDigest(content)) }
            : {}),
        }),
      )
      .then((pages) => {
        state.options.onNoticePages?.(pages, files);
        return pages;
      });
    return state.noticePages;
  });
}

/**
 * Removes pages of the preview's folder by URL: a notice page's folder with its attachments
 * and photos, a list page's file (its folder holds nothing else).
 */
async function removePages(
  output: string,
  pages: readonly (readonly [string, OwnPage["kind"]])[],
): Promise<void> {
  for (const [url, kind] of pages) {
    const file = join(output, outputFile(url));
    await (kind === "notice"
      ? rm(dirname(file), { recursive: true, force: true })
      : rm(file, { force: true }));
  }
}

/** One page this part writes: its URL, what it is, and the context its layout is drawn with. */
interface OwnPage {
  readonly url: string;
  readonly kind: "list" | "notice";
  readonly context: object;
}

const LAYOUTS: Readonly<Record<OwnPage["kind"], string>> = {
  list: BOARD_LAYOUT,
  notice: NOTICE_LAYOUT,
};

/** Renders and writes the list and notice pages of `site.render`; resolves to the notices' search entries. */
export async function writeNoticePages(
  environment: TemplateEnvironment,
  site: SiteData,
  output: string,
  options: {
    readonly toUrl?: (url: string) => string;
    readonly advanced?: () => void;
    /** Told each file written, by its path in the output folder. */
    readonly written?: (path: string, content: string) => void;
  } = {},
): Promise<IndexedPage[]> {
  const notices = site.render.notices;
  const own: OwnPage[] = [
    ...site.render.pages.map((boardPage) => ({
      url: boardPage.url,
      kind: "list" as const,
      context: { sosik: site, boardPage, page: { url: boardPage.url } },
    })),
    ...notices.map((notice) => ({
      url: notice.url,
      kind: "notice" as const,
      context: { sosik: site, notice, page: { url: notice.url } },
    })),
  ];
  const pages: IndexedPage[] = [];
  let next = 0;
  const writer = async () => {
    while (next < own.length) {
      const page = own[next++] as OwnPage;
      const rendered = environment.render(LAYOUTS[page.kind], page.context);
      const content = options.toUrl ? rewritePageUrls(rendered, options.toUrl) : rendered;
      // The same path the render plan and the version's cache know the page by.
      const file = outputFile(page.url);
      await mkdir(join(output, dirname(file)), { recursive: true });
      await writeFile(join(output, file), content);
      options.written?.(file, content);
      if (page.kind === "notice") pages.push(...noticePages([{ url: page.url, content }]));
      options.advanced?.();
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITES_AT_ONCE, own.length) }, writer));
  // In the board's order, whatever order the writes finished in.
  const order = new Map(notices.map((notice, index) => [notice.url, index]));
  return pages.sort((a, b) => (order.get(a.url) ?? 0) - (order.get(b.url) ?? 0));
}
