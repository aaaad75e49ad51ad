/** Registers every filter of src/filters under its export's name. */
import type UserConfig from "@11ty/eleventy/UserConfig";
import * as filters from "../filters/index.ts";

/** Eleventy plugin adding the template filters. */
export function filtersPlugin(eleventyConfig: UserConfig): void {
  for (const [name, filter] of Object.entries(filters)) {
    eleventyConfig.addFilter(name, filter);
  }
}
