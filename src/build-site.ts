/**
 * One production build: validate the content, check the output path is Sosik's to write,
 * render into a staging folder in the output's store, then publish it with one atomic swap
 * (src/output/). A build that fails at any step leaves the previous output untouched.
 */
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { ContentError } from "./content/errors.ts";
import { SosikError, findCause, findEnvironmentError } from "./errors.ts";
import type { ContentIssue } from "./content/errors.ts";
import { loadContent } from "./content/load.ts";
import { isPublished } from "./content/notice.ts";
import { guardOutput } from "./output/guard.ts";
import type { OutputTarget } from "./output/guard.ts";
import { startPublication } from "./output/publish.ts";
import type { Publication } from "./output/publish.ts";
import { prepareNoticeBodies } from "./notice-body.ts";
import { writeSearchIndex } from "./search/index-writer.ts";
import { MAX_SHARD_PAGES } from "./search/shards.ts";
import type { IndexedPage } from "./search/shards.ts";
import { configureEleventy } from "../.eleventy.ts";
import type { BuildOptions, BuildProgress } from "./plugins/build-options.ts";

/** The project's root folder, where `.eleventy.ts` and `layouts/` are. */
export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** What one build is asked to do. */
export interface BuildRequest {
  readonly contentDir: string;
  readonly outputDir: string;
  readonly baseUrl?: string;
  readonly pathPrefix?: string;
  readonly now: number;
  /** Pagefind processes at once (default 1: each holds a shard of up to 1,000 pages in memory). */
  readonly indexJobs?: number;
  /** Most pages in one search shard. */
  readonly shardPages?: number;
  /** False publishes the site without a search index (the bench times rendering alone). */
  readonly searchIndex?: boolean;
  /** Told as validating, rendering and indexing advance (the command line's progress line). */
  readonly progress?: BuildProgress;
}

/** What a successful build did. */
export interface BuildReport {
  readonly pages: number;
  readonly notices: number;
  readonly warnings: readonly ContentIssue[];
  readonly milliseconds: number;
  /** Search shards built, how many were kept from the previous output, how many were damaged. */
  readonly search: { readonly shards: number; readonly reused: number; readonly repaired: number };
  /** Earlier versions of the output kept because they hold files Sosik did not write. */
  readonly kept: readonly string[];
}

/** Eleventy's constructor options that Sosik uses. */
export interface EleventyRunOptions {
  readonly contentDir: string;
  readonly outputDir: string;
  readonly options: Omit<BuildOptions, "contentDir">;
  readonly pathPrefix: string;
  readonly runMode?: "build" | "serve" | "watch";
}

/** Creates an Eleventy instance for the Sosik project with the given options. */
export function createEleventy(run: EleventyRunOptions): Eleventy {
  // Eleventy resolves its folders against the working directory; keep them relative to it
  // (absolute input paths sharing a prefix with the working directory once broke Eleventy 3.1).
  const fromCwd = (path: string) => relative(process.cwd(), path) || ".";
  return new Eleventy(fromCwd(join(PROJECT_ROOT, "layouts/pages")), fromCwd(run.outputDir), {
    // No configuration file to look for (an empty path skips it): .eleventy.ts is called here
    // with this build's options.
    configPath: "",
    pathPrefix: run.pathPrefix,
    quietMode: true,
    ...(run.runMode ? { runMode: run.runMode } : {}),
    config(eleventyConfig: UserConfig) {
      configureEleventy(eleventyConfig, { ...run.options, contentDir: resolve(run.contentDir) });
    },
  });
}

/** Checks the output path, validates, renders into a staging folder and publishes it. */
export async function build(request: BuildRequest): Promise<BuildReport> {
  const started = performance.now();
  const contentDir = resolve(request.contentDir);
  // Before anything is read or written: a refused output path ends the build here, exit 2.
  const target = guardOutput(request.outputDir, { contentDir, projectRoot: PROJECT_ROOT });
  const { publication, rendered, notices, warnings } = await validateAndRender(
    request,
    contentDir,
    target,
  );
  try {
    let search = { shards: 0, reused: 0, repaired: 0 };
    if (request.searchIndex !== false) {
      request.progress?.started("indexing");
      const report = await writeSearchIndex(
        rendered.noticePages,
        publication.staging,
        publication.previous ?? publication.staging,
        { jobs: request.indexJobs ?? 1, shardPages: request.shardPages ?? MAX_SHARD_PAGES },
      );
      search = { shards: report.shards, reused: report.reused, repaired: report.repaired };
    }
    const published = await publication.publish();
    return {
      pages: rendered.pages,
      notices,
      kept: published.kept,
      warnings,
      milliseconds: performance.now() - started,
      search,
    };
  } catch (error) {
    throw await abandoned(publication, error, target.path);
  }
}

/**
 * Validates the content and renders it into a new staging folder. Only what indexing and the
 * summary need leaves this function: the content, the board, the bodies and Eleventy's pages
 * become garbage while Pagefind runs. (V8 keeps most of the heap it grew to, about 640 MiB at
 * 10,000 notices even after a forced collection; only a renderer in a process of its own would
 * give it back.)
 */
async function validateAndRender(
  request: BuildRequest,
  contentDir: string,
  target: OutputTarget,
): Promise<{
  publication: Publication;
  rendered: { pages: number; noticePages: readonly IndexedPage[] };
  notices: number;
  warnings: readonly ContentIssue[];
}> {
  request.progress?.started("validating");
  const content = loadContent(contentDir, { now: request.now });
  request.progress?.advanced(content.notices.length);
  // Rendering counts from here: Eleventy's setup and the board are part of it.
  request.progress?.started("rendering");
  const errors = content.issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0 || !content.site) throw new ContentError(content.issues);
  // Bodies are prepared in worker threads while Eleventy starts up in this one.
  const preparedBodies = prepareNoticeBodies(content.notices);
  // Awaited by the site data; a build failing before that must not leave it unhandled.
  preparedBodies.catch(() => undefined);

  const publication = await startPublication(target);
  const pathPrefix = request.pathPrefix ?? content.site.pathPrefix;
  try {
    const rendered = await render({
      contentDir,
      outputDir: publication.staging,
      pathPrefix,
      options: {
        preview: false,
        now: request.now,
        preloaded: content,
        preparedBodies,
        pathPrefix,
        // Indexed by build(), once the renderer is gone.
        searchIndex: false,
        ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}),
        ...(request.progress ? { progress: request.progress } : {}),
      },
    });
    return {
      publication,
      rendered,
      notices: content.notices.filter((n) => isPublished(n, request.now)).length,
      warnings: content.issues.filter((issue) => issue.severity === "warning"),
    };
  } catch (error) {
    throw await abandoned(publication, error, target.path);
  }
}

/** Renders the site with Eleventy; resolves to the pages written and the notice pages' digests. */
async function render(
  run: EleventyRunOptions,
): Promise<{ pages: number; noticePages: readonly IndexedPage[] }> {
  let noticePages: readonly IndexedPage[] = [];
  const eleventy = createEleventy({
    ...run,
    options: {
      ...run.options,
      onNoticePages: (pages) => {
        noticePages = pages;
      },
    },
  });
  // The command line prints one summary line (and progress on a terminal) of its own;
  // Eleventy's "Wrote N files" line would repeat it, or break into the progress line.
  eleventy.disableLogger();
  const written = (await eleventy.write()) as unknown;
  return { pages: countWrites(written) + noticePages.length, noticePages };
}

/** Drops a failed build's staging folder; the error to throw for the failure. */
async function abandoned(publication: Publication, error: unknown, output: string) {
  await publication.abandon();
  if (findCause(error, (e) => e instanceof SosikError)) return error;
  // A full disk or a folder made read-only while rendering: the machine, not the content.
  return findEnvironmentError(error, "cannot write the site", output) ?? error;
}

function countWrites(written: unknown): number {
  // Eleventy 3's write() resolves to [passthroughCopies, templates]; count the rendered pages.
  if (Array.isArray(written) && Array.isArray(written[1])) {
    return (written[1] as unknown[]).flat().length;
  }
  return 0;
}
