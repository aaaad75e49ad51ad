/**
 * Filters of the Atom feed templates: the RSS plugin's `dateToRfc3339`
 * (https://www.11ty.dev/docs/plugins/rss/). Entry links are made absolute with Eleventy's
 * `transformWithHtmlBase`, which the path prefix plugin brings.
 */
import { dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import type UserConfig from "@11ty/eleventy/UserConfig";

/** Eleventy plugin: filters the feed templates use. */
export function feedFiltersPlugin(eleventyConfig: UserConfig): void {
  // Only the filters: the whole RSS plugin would add Eleventy's HTML base plugin a second time
  // (uniqueness is not checked for plugins added from inside plugins), prefixing URLs twice.
  eleventyConfig.addFilter("dateToRfc3339", dateToRfc3339 as (date: Date) => string);
}
