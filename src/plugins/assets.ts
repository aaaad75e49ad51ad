/**
 * The site's own static files: the stylesheet and images copied to `/assets/`, and the search
 * page's script bundled from TypeScript (src/client/) into `/assets/search.js`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { build } from "esbuild";
import { queryEndings } from "../client/query.ts";
import type { SearchVocabulary } from "../client/vocabulary.ts";
import { koreanDictionary } from "../search/korean-terms.ts";

const ASSETS_DIR = fileURLToPath(new URL("../../layouts/assets/", import.meta.url));
const SEARCH_CLIENT = fileURLToPath(new URL("../client/search-page.ts", import.meta.url));

/** Where the bundled search script is published, below the output folder. */
export const SEARCH_SCRIPT = "assets/search.js";

/**
 * What the search page shares with the indexer (src/client/vocabulary.ts): the dictionary's
 * particles and verbal endings (as `queryEndings` chooses them), so "안전하게" is searched as "안전" just as indexing finds 안전
 * in 안전하게.
 */
export function searchVocabulary(): SearchVocabulary {
  const dictionary = koreanDictionary();
  return { endings: queryEndings(dictionary.endings.keys(), dictionary.nouns) };
}

/**
 * A browser script bundled from TypeScript and minified by esbuild. The same sources always give
 * the same bytes, so builds stay reproducible. `iife` for a classic script that must run before
 * another (the web editor's), `esm` for a module.
 */
export async function bundleForBrowser(
  entry: string,
  options: { format?: "esm" | "iife"; define?: Record<string, string> } = {},
): Promise<Uint8Array> {
  const result = await build({
    ...(options.define ? { define: options.define } : {}),
    entryPoints: [entry],
    bundle: true,
    format: options.format ?? "esm",
    minify: true,
    target: "es2022",
    platform: "browser",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild wrote nothing for ${entry}`);
  return output.contents;
}

/** The search page's script, with the vocabulary it shares with the indexer. */
export function bundleSearchClient(): Promise<Uint8Array> {
  const vocabulary = searchVocabulary();
  return bundleForBrowser(SEARCH_CLIENT, {
    define: {
      SOSIK_SEARCH_VOCABULARY: JSON.stringify({ endings: vocabulary.endings.join(" ") }),
    },
  });
}

const NOTICE_CLIENT = fileURLToPath(new URL("../client/notice-tools.ts", import.meta.url));

/** Where the notice page's print and copy-link script is published, below the output folder. */
export const NOTICE_SCRIPT = "assets/notice.js";

/** The notice page's tools (src/client/notice-tools.ts). */
export function bundleNoticeTools(): Promise<Uint8Array> {
  return bundleForBrowser(NOTICE_CLIENT);
}

/** The `eleventy.before` argument, as far as the bundling reads it. */
interface BeforeEvent {
  readonly directories: { readonly output: string };
  readonly outputMode: string;
}

/** Eleventy plugin: passthrough copy of layouts/assets to /assets/, and the search bundle. */
export function assetsPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addPassthroughCopy({ [relative(process.cwd(), ASSETS_DIR)]: "assets" });
  eleventyConfig.on("eleventy.before", async ({ directories, outputMode }: BeforeEvent) => {
    if (outputMode !== "fs") return;
    const path = join(directories.output, SEARCH_SCRIPT);
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, await bundleSearchClient());
    await writeFile(join(directories.output, NOTICE_SCRIPT), await bundleNoticeTools());
  });
}
