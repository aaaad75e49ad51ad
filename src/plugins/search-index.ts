/**
 * The search index's Eleventy hook: after every build that writes files, the notice pages are
 * indexed by src/search/index-writer.ts. In the preview a rebuild may render only some notice
 * pages (src/preview/render-set.ts); the others are indexed from what earlier builds rendered,
 * and the index is updated after the pages are served, so an edit shows at once and search
 * follows. A build for publishing waits for its index.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { SearchIndexError, writeSearchIndex } from "../search/index-writer.ts";
import type { IndexedPage } from "../search/shards.ts";
import type { SiteData } from "../site-data.ts";
import type { BuildState } from "./build-state.ts";

/** The `eleventy.after` argument, as far as indexing reads it. */
interface AfterEvent {
  readonly directories: { readonly output: string };
  readonly outputMode: "fs" | "json" | "ndjson";
}

/** Eleventy plugin: index the notice pages after every build that writes files. */
export function searchIndexPlugin(eleventyConfig: UserConfig, state: BuildState): void {
  const { options } = state;
  if (options.searchIndex === false) return;
  /** Notice pages by URL, as the builds of this process last rendered them. */
  const known = new Map<string, IndexedPage>();
  let indexing: Promise<void> = Promise.resolve();
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }: AfterEvent) => {
    // toJSON() and dry runs fire this event too, with nothing on disk to index.
    if (outputMode !== "fs") return;
    // Written by src/plugins/notice-pages.ts, registered before this part.
    for (const page of (await state.noticePages) ?? []) known.set(page.url, page);
    const pages = pagesOfSite(state.siteData, known);
    const update = () =>
      writeSearchIndex(pages, directories.output, options.previousOutput ?? directories.output, {
        ...(options.indexJobs ? { jobs: options.indexJobs } : {}),
        ...(options.shardPages ? { shardPages: options.shardPages } : {}),
      }).then((report) => options.onIndexed?.(report));
    if (!options.preview) {
      await update();
      return;
    }
    // One update at a time, in the order of the builds.
    indexing = indexing.then(update).catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
    });
  });
}

/** Every notice page of the site: rendered by this build or, unchanged, by an earlier one. */
function pagesOfSite(
  site: SiteData | undefined,
  known: ReadonlyMap<string, IndexedPage>,
): IndexedPage[] {
  if (!site) return [...known.values()];
  return site.board.notices.map((notice) => {
    const page = known.get(notice.url);
    if (!page) throw new SearchIndexError(`search index: no rendered page for ${notice.url}`);
    return page;
  });
}
