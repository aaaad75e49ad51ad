/**
 * Serves the site under a path prefix (`/repo-name/`): Eleventy's HTML base plugin rewrites every
 * root-relative URL in the HTML it writes (https://www.11ty.dev/docs/plugins/html-base/).
 */
import { HtmlBasePlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";

// Eleventy's plugin modules sit deeper than TypeScript reads JavaScript types from.
const htmlBase = HtmlBasePlugin as unknown as (eleventyConfig: UserConfig) => void;

/** Eleventy plugin: path prefix applied to all links, scripts and stylesheets. */
export function pathPrefixPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addPlugin(htmlBase);
}
