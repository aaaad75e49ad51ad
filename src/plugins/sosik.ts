/**
 * The Sosik plugin: every part of a Sosik site, registered in the order Eleventy must see them,
 * each handed the one state of this build.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { assetsPlugin } from "./assets.ts";
import type { BuildOptions } from "./build-options.ts";
import { createBuildState } from "./build-state.ts";
import { editorPlugin } from "../editor/plugin.ts";
import { feedFiltersPlugin } from "./feed-filters.ts";
import { filtersPlugin } from "./filters.ts";
import { pathPrefixPlugin } from "./path-prefix.ts";
import { buildProgressPlugin } from "./build-progress.ts";
import { noticePagesPlugin } from "./notice-pages.ts";
import { searchIndexPlugin } from "./search-index.ts";
import { siteDataPlugin } from "./site-data.ts";
import { templateUrls } from "../urls.ts";

/** Eleventy plugin: Sosik's data, filters, output and events for one build. */
export function sosikPlugin(eleventyConfig: UserConfig, options: BuildOptions): void {
  const state = createBuildState(options);

  // Data: the validated board as the global `sosik`; attachments copied beside their notices;
  // every URL of the site as the global `urls` (src/urls.ts).
  siteDataPlugin(eleventyConfig, state);
  eleventyConfig.addNunjucksGlobal("urls", templateUrls);

  // Filters
  filtersPlugin(eleventyConfig);
  feedFiltersPlugin(eleventyConfig);

  // Output: stylesheet and search script, then the path prefix on every page written.
  assetsPlugin(eleventyConfig);
  pathPrefixPlugin(eleventyConfig);
  // The web editor at /admin/ (src/editor/): in the preview, or when site.json publishes it.
  editorPlugin(eleventyConfig, state);

  // Events, run in this order after Eleventy's pages are written: the notice pages are
  // rendered, progress announces indexing, then the search index is written from the notice
  // pages and the site data.
  noticePagesPlugin(eleventyConfig, state);
  buildProgressPlugin(eleventyConfig, state);
  searchIndexPlugin(eleventyConfig, state);
}
