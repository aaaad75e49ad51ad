/**
 * Eleventy configuration: the folders, then the Sosik plugins. Run through the Sosik CLI
 * (`npm run build`, `npm start`), which validates content before Eleventy starts.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { assetsPlugin } from "./src/plugins/assets.ts";
import { feedsPlugin } from "./src/plugins/feeds.ts";
import { filtersPlugin } from "./src/plugins/filters.ts";
import { pagefindPlugin } from "./src/plugins/pagefind.ts";
import { pathPrefixPlugin } from "./src/plugins/path-prefix.ts";
import { progressPlugin } from "./src/plugins/progress.ts";
import { siteDataPlugin } from "./src/plugins/site-data.ts";

/** Folders: page templates in layouts/pages, the base layout and partials in layouts/partials. */
export const config = {
  dir: {
    input: "layouts/pages",
    includes: "../partials",
    // Content data is read and validated by siteDataPlugin, never executed as Eleventy data.
    data: "_no-data",
    // No output here: the Sosik CLI names the output folder, and a config value would win.
  },
  // Paginated pages are TypeScript modules (layouts/pages/*.11ty.ts), the rest Nunjucks.
  templateFormats: ["njk", "11ty.ts"],
  htmlTemplateEngine: "njk",
};

/** Adds the Sosik plugins. */
export default function sosik(eleventyConfig: UserConfig): void {
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });
  // Read as JavaScript templates: Sosik runs under tsx, which loads TypeScript modules.
  // https://www.11ty.dev/docs/languages/typescript/
  eleventyConfig.addExtension("11ty.ts", { key: "11ty.js" });

  // Data
  eleventyConfig.addPlugin(siteDataPlugin);

  // Filters
  eleventyConfig.addPlugin(filtersPlugin);
  eleventyConfig.addPlugin(feedsPlugin);

  // Output
  eleventyConfig.addPlugin(assetsPlugin);
  eleventyConfig.addPlugin(pathPrefixPlugin);

  // Events (progress first: it announces indexing, which the search plugin then does)
  eleventyConfig.addPlugin(progressPlugin);
  eleventyConfig.addPlugin(pagefindPlugin);
}
