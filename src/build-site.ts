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
import { startPublication } from "./output/publish.ts";
import { prepareNoticeBodies } from "./notice-body.ts";
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
  const staging = publication.staging;
  const pathPrefix = request.pathPrefix ?? content.site.pathPrefix;
  let search = { shards: 0, reused: 0, repaired: 0 };
  let noticePages = 0;
  try {
    const eleventy = createEleventy({
      contentDir,
      outputDir: staging,
      pathPrefix,
      options: {
        preview: false,
        now: request.now,
        preloaded: content,
        preparedBodies,
        pathPrefix,
        ...(publication.previous ? { previousOutput: publication.previous } : {}),
        indexJobs: request.indexJobs ?? 1,
        ...(request.searchIndex === false ? { searchIndex: false } : {}),
        ...(request.shardPages ? { shardPages: request.shardPages } : {}),
        onNoticePages: (count) => {
          noticePages = count;
        },
        onIndexed: (report) => {
          search = { shards: report.shards, reused: report.reused, repaired: report.repaired };
        },
        ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}),
        ...(request.progress ? { progress: request.progress } : {}),
      },
    });
    // The command line prints one summary line (and progress on a terminal) of its own;
    // Eleventy's "Wrote N files" line would repeat it, or break into the progress line.
    eleventy.disableLogger();
    const written = (await eleventy.write()) as unknown;
    const published = await publication.publish();
    const listed = content.notices.filter((n) => isPublished(n, request.now));
    return {
      pages: countWrites(written) + noticePages,
      notices: listed.length,
      kept: published.kept,
      warnings: content.issues.filter((issue) => issue.severity === "warning"),
      milliseconds: performance.now() - started,
      search,
    };
  } catch (error) {
    await publication.abandon();
    if (findCause(error, (e) => e instanceof SosikError)) throw error;
    // A full disk or a folder made read-only while rendering: the machine, not the content.
    throw findEnvironmentError(error, "cannot write the site", target.path) ?? error;
  }
}

function countWrites(written: unknown): number {
  // Eleventy 3's write() resolves to [passthroughCopies, templates]; count the rendered pages.
  if (Array.isArray(written) && Array.isArray(written[1])) {
    return (written[1] as unknown[]).flat().length;
  }
  return 0;
}
