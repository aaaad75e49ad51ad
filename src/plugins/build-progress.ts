/**
 * Reports rendering and indexing to the build's progress receiver, when the command line gave
 * one: the page count once Eleventy knows every output URL (and the notice and list pages Sosik
 * renders itself, src/plugins/notice-pages.ts), then one tick per page written.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildState } from "./build-state.ts";

/** The part of Eleventy's `eleventy.contentMap` event argument that progress reads. */
interface ContentMapEvent {
  readonly urlToInputPath: Readonly<Record<string, unknown>>;
}

/** Eleventy plugin: progress of rendering (per page) and the start of indexing. */
export function buildProgressPlugin(eleventyConfig: UserConfig, state: BuildState): void {
  const { progress, searchIndex } = state.options;
  if (!progress) return;
  eleventyConfig.on("eleventy.contentMap", ({ urlToInputPath }: ContentMapEvent) => {
    // A template that writes nothing (permalink false, such as an unpublished /admin/) is
    // listed too, under a key that is no URL.
    const urls = Object.keys(urlToInputPath).filter((url) => url.startsWith("/"));
    const own = state.siteData
      ? state.siteData.render.notices.length + state.siteData.render.pages.length
      : 0;
    progress.started("rendering", urls.length + own);
  });
  // A transform runs once for every page written, which is the count the line shows.
  eleventyConfig.addTransform(
    "sosik-progress",
    function (this: { page: { outputPath?: unknown } }, content: string) {
      // Rendered but not written (permalink false): not a page of the count.
      if (typeof this.page.outputPath === "string") progress.advanced();
      return content;
    },
  );
  // Registered after the notice pages and before the search plugin, so this runs as indexing
  // begins: the index waits for the notice pages too.
  eleventyConfig.on("eleventy.after", async ({ outputMode }: { outputMode: string }) => {
    if (outputMode !== "fs" || searchIndex === false) return;
    await state.noticePages;
    progress.started("indexing");
  });
}
