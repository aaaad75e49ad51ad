/**
 * Indexes the notice pages with Pagefind once Eleventy has written them: one index per language
 * (Pagefind splits by `<html lang>`), notice pages only. Any error from Pagefind, or a count
 * that does not match the notices, fails the build, so nothing is published half-indexed.
 */
import { join } from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import * as pagefind from "pagefind";
import { getBuildOptions } from "./build-options.ts";

/** Raised when indexing fails; the build stops and the previous site stays published. */
export class SearchIndexError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SearchIndexError";
  }
}

/** One rendered page as Eleventy reports it in `eleventy.after`. */
export interface RenderedPage {
  readonly url: string;
  readonly content: string;
  readonly outputPath: string | false;
}

/** The `eleventy.after` argument, as far as indexing reads it. */
interface AfterEvent {
  readonly directories: { readonly output: string };
  readonly outputMode: "fs" | "json" | "ndjson";
  readonly results: readonly RenderedPage[];
}

const NOTICE_URL = /\/(ko|en)\/notices\/\d{4}-\d{2}-\d{2}-[a-z0-9-]+\/$/;

/** True for a notice page's URL (with or without a path prefix). */
export function isNoticeUrl(url: string): boolean {
  return NOTICE_URL.test(url);
}

function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) {
    throw new SearchIndexError(`search index: ${step} failed: ${errors.join("; ")}`);
  }
}

/** Builds the Pagefind bundle for `pages` into `outputDir`; returns how many pages it indexed. */
export async function writeSearchIndex(
  pages: readonly RenderedPage[],
  bundleDir: string,
  pathPrefix: string,
): Promise<number> {
  const notices = pages.filter((page) => isNoticeUrl(page.url));
  if (notices.length === 0) throw new SearchIndexError("search index: no notice pages to index");
  try {
    const created = await pagefind.createIndex({});
    check("creating the index", created.errors);
    const index = created.index;
    if (!index) throw new SearchIndexError("search index: Pagefind returned no index");
    const prefix = pathPrefix.replace(/\/$/, "");
    for (const page of notices) {
      const added = await index.addHTMLFile({ url: `${prefix}${page.url}`, content: page.content });
      check(`indexing ${page.url}`, added.errors);
    }
    const written = await index.writeFiles({ outputPath: bundleDir });
    check("writing the bundle", written.errors);
    return notices.length;
  } finally {
    await pagefind.close();
  }
}

/** Eleventy plugin: index notice pages after every build that writes files. */
export function pagefindPlugin(eleventyConfig: UserConfig): void {
  const options = getBuildOptions(eleventyConfig);
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode, results }: AfterEvent) => {
    // toJSON() and dry runs fire this event too, with nothing on disk to index.
    if (outputMode !== "fs") return;
    await writeSearchIndex(
      results,
      join(directories.output, "pagefind"),
      options.pathPrefix ?? "/",
    );
  });
}
