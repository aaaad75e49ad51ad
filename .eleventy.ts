/**
 * Eleventy configuration: the folders, then the Sosik plugin with the build's options. Eleventy
 * runs through the Sosik CLI (`npm run build`, `npm start`): src/build-site.ts hands this function
 * the options of the command line, so every option can be followed from here into
 * src/plugins/sosik.ts and the parts it registers.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { BuildOptions } from "./src/plugins/build-options.ts";
import { sosikPlugin } from "./src/plugins/sosik.ts";

/** Folders: page templates in layouts/pages, the base layout and partials in layouts/partials. */
export const config = {
  dir: {
    input: "layouts/pages",
    includes: "../partials",
    // Content data is read and validated by siteDataPlugin, never executed as Eleventy data.
    data: "_no-data",
    // No output here: the Sosik CLI names the output folder, and a config value would win.
  },
  // Pages are Nunjucks; notice and list pages are rendered by Sosik (src/plugins/notice-pages.ts).
  templateFormats: ["njk"],
} as const;

/**
 * Sets Eleventy up for one Sosik build: the folders above, Nunjucks, then the one Sosik plugin
 * with the build's options. src/build-site.ts calls this for every Eleventy instance it makes.
 */
export function configureEleventy(eleventyConfig: UserConfig, options: BuildOptions): void {
  eleventyConfig.setIncludesDirectory(config.dir.includes);
  eleventyConfig.setDataDirectory(config.dir.data);
  eleventyConfig.setTemplateFormats([...config.templateFormats]);
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false });

  eleventyConfig.addPlugin(sosikPlugin, options);
}
