/**
 * One production build: validate the content, check the output path is Sosik's to write,
 * render into a staging folder in the output's store, then publish it with one atomic swap
 * (src/output/). A build that fails at any step leaves the previous output untouched.
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ContentIssue } from "./content/errors.ts";
import { SosikError, findCause, findEnvironmentError } from "./errors.ts";
import { guardOutput } from "./output/guard.ts";
import type { OutputTarget } from "./output/guard.ts";
import { startPublication, surveyRetired } from "./output/publish.ts";
import type { Publication } from "./output/publish.ts";
import type { BuildProgress } from "./plugins/build-options.ts";
import { LANGS } from "./options.ts";
import { RendererOutOfMemory, startRenderer, userHeapLimit } from "./renderer.ts";
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
  /** The renderer's heap limit to try first, in MiB, instead of the estimate (rendererHeap). */
  readonly rendererHeapMb?: number;
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
  /** The estimated heap limit (MiB) the renderer ran out of, before it rendered again without. */
  readonly heapRetry?: number;
}

/** Checks the output path, validates, renders into a staging folder and publishes it. */
export async function build(request: BuildRequest): Promise<BuildReport> {
  const started = performance.now();
  const contentDir = resolve(request.contentDir);
  // Before anything is read or written: a refused output path ends the build here, exit 2.
  const target = guardOutput(request.outputDir, { contentDir, projectRoot: PROJECT_ROOT });
  // The renderer's heap limit: the operator's (NODE_OPTIONS), else one estimated from the
  // content. An estimate that proves too small costs a second render with Node's own limit.
  const estimated =
    request.rendererHeapMb ??
    (userHeapLimit() === undefined ? rendererHeap(contentDir) : undefined);
  try {
    return await buildOnce(request, target, started, estimated);
  } catch (error) {
    if (!(error instanceof RendererOutOfMemory) || estimated === undefined) throw error;
    // Looked at again: the first attempt published nothing, but it may have cleaned the store.
    const again = guardOutput(request.outputDir, { contentDir, projectRoot: PROJECT_ROOT });
    const report = await buildOnce(request, again, started, undefined);
    return { ...report, heapRetry: estimated };
  }
}

/**
 * A heap limit for the renderer, in MiB, from the notices' number and size. Measured at 100,000
 * generated notices (604 MiB of Markdown): a limit of 1,100 MiB ran out while the board was made,
 * 1,536 MiB was enough, and the whole build then peaked at 1.65 GiB; the live heap stays near
 * 0.65 GiB while the pages are written. Node's own limit (about 4 GiB on a machine of 16 GiB or
 * more) let the renderer grow to 3.3 GiB, mostly garbage not yet collected. The estimate gives
 * 100,000 such notices 1,600 MiB, and a small board 1,024 MiB.
 */
export function rendererHeap(contentDir: string): number {
  let notices = 0;
  let bytes = 0;
  for (const lang of LANGS) {
    const folder = join(contentDir, lang);
    let entries;
    try {
      entries = readdirSync(folder, { recursive: true, withFileTypes: true });
    } catch {
      continue; // No such folder: the renderer reports it.
    }
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith(".md")) continue;
      notices += 1;
      bytes += statSync(join(entry.parentPath, entry.name), { throwIfNoEntry: false })?.size ?? 0;
    }
  }
  const estimate = 256 + notices * (6 / 1024) + 1.25 * (bytes / 2 ** 20);
  return Math.max(MIN_HEAP_MB, Math.ceil(estimate / 64) * 64);
}

const MIN_HEAP_MB = 1024;

async function buildOnce(
  request: BuildRequest,
  target: OutputTarget,
  started: number,
  heapLimitMb: number | undefined,
): Promise<BuildReport> {
  const contentDir = resolve(request.contentDir);
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
    heapLimitMb === undefined ? {} : { heapLimitMb },
  );
  try {
    // The version a warm build takes over is looked for while the content is validated.
    const surveyed = surveyRetired(target);
    surveyed.catch(() => undefined);
    // Invalid content ends the build here, before anything is written.
    await renderer.validated;
    const publication = await startPublication(target, surveyed);
    try {
      // The search shards of the version being replaced are verified while the renderer works.
      const verifying =
        request.searchIndex !== false && publication.previous
          ? verifiedShards(publication.previous)
          : undefined;
      verifying?.catch(() => undefined);
      const rendered = await renderer.render(publication.staging, publication.recycled);
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
