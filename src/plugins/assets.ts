/** Copies the site's own stylesheet and static files to `/assets/`. */
import { fileURLToPath } from "node:url";
import { relative } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";

const ASSETS_DIR = fileURLToPath(new URL("../../layouts/assets/", import.meta.url));

/** Eleventy plugin: passthrough copy of layouts/assets to /assets/. */
export function assetsPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addPassthroughCopy({ [relative(process.cwd(), ASSETS_DIR)]: "assets" });
}
