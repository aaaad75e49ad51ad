/**
 * One production build: validate the content, check the output path is Sosik's to write,
 * render into a staging folder in the output's store, then publish it with one atomic swap
 * (src/output/). A build that fails at any step leaves the previous output untouched.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ContentIssue } from "./content/errors.ts";
import { SosikError, findCause, findEnvironmentError } from "./errors.ts";
import { guardOutput } from "./output/guard.ts";
import { startPublication } from "./output/publish.ts";
import type { Publication } from "./output/publish.ts";
import type { BuildProgress } from "./plugins/build-options.ts";
import { startRenderer } from "./renderer.ts";
import { verifiedShards, writeSearchIndex } from "./search/index-writer.ts";

/** The project's root folder, where `.eleventy.ts` and `layouts/` are. */
export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

/** What one build is asked to do. */
export interface BuildRequest {
  readonly contentDir: string;
  readonly outputDir: string;
  readonly baseUrl?: string;
  readonly pathPrefix?: string;
  readonly now: number;
  /** Pagefind processes at once (default INDEX_JOBS: each holds one shard in memory). */
  readonly indexJobs?: number;
  /** Most pages in one search shard, every language (default SHARD_PAGES, by language). */
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
  /** Pages kept from the previous version because nothing they are drawn from changed. */
  readonly kept: number;
  /** Earlier versions of the output kept because they hold files Sosik did not write. */
  readonly keptVersions: readonly string[];
}

/** Checks the output path, validates, renders into a staging folder and publishes it. */
export async function build(request: BuildRequest): Promise<BuildReport> {
  const started = performance.now();
  const contentDir = resolve(request.contentDir);
  // Before anything is read or written: a refused output path ends the build here, exit 2.
  const target = guardOutput(request.outputDir, { contentDir, projectRoot: PROJECT_ROOT });
  // Reading, validating and rendering happen in a process of its own (src/renderer.ts).
  const renderer = startRenderer(
    {
      contentDir,
      now: request.now,
      ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}),
      ...(request.pathPrefix ? { pathPrefix: request.pathPrefix } : {}),
      // Warm publish: the version published now, whose unchanged pages the renderer may keep.
      ...(target.state.kind === "version" ? { previous: target.state.version } : {}),
    },
    request.progress,
  );
  try {
    // Invalid content ends the build here, before anything is written.
    await renderer.validated;
    const publication = await startPublication(target);
    try {
      // The search shards of the version being replaced are verified while the renderer works.
      const verifying =
        request.searchIndex !== false && publication.previous
          ? verifiedShards(publication.previous)
          : undefined;
      verifying?.catch(() => undefined);
      const rendered = await renderer.render(publication.staging);
      let search = { shards: 0, reused: 0, repaired: 0 };
      if (request.searchIndex !== false) {
        request.progress?.started("indexing");
        const report = await writeSearchIndex(
          rendered.noticePages,
          publication.staging,
          publication.previous ?? publication.staging,
          {
            ...(request.indexJobs ? { jobs: request.indexJobs } : {}),
            ...(request.shardPages ? { shardPages: request.shardPages } : {}),
            ...(verifying
              ? { verified: await verifying.catch(() => new Map<string, string>()) }
              : {}),
          },
        );
        search = { shards: report.shards, reused: report.reused, repaired: report.repaired };
      }
      const published = await publication.publish();
      return {
        pages: rendered.pages,
        kept: rendered.kept,
        notices: rendered.notices,
        keptVersions: published.kept,
        warnings: rendered.warnings,
        milliseconds: performance.now() - started,
        search,
      };
    } catch (error) {
      // Gone before its staging folder is removed, so nothing is written into it after.
      await renderer.stop();
      throw await abandoned(publication, error, target.path);
    }
  } finally {
    // Whatever failed (the store could not be made, say), no renderer is left waiting.
    await renderer.stop();
  }
}

/** Drops a failed build's staging folder; the error to throw for the failure. */
async function abandoned(publication: Publication, error: unknown, output: string) {
  await publication.abandon();
  if (findCause(error, (e) => e instanceof SosikError)) return error;
  // A full disk or a folder made read-only while rendering: the machine, not the content.
  return findEnvironmentError(error, "cannot write the site", output) ?? error;
}
