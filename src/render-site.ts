/**
 * The renderer process's side of a production build (src/renderer.ts starts it): reads and
 * validates the content, renders it with Eleventy into the staging folder it is given, reports
 * the notice pages' digests and exits. The preview runs Eleventy in its own process through
 * `createEleventy`.
 */
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { configureEleventy } from "../.eleventy.ts";
import { ContentError } from "./content/errors.ts";
import { loadContent } from "./content/load.ts";
import type { LoadedContent } from "./content/load.ts";
import { isPublished } from "./content/notice.ts";
import { EXIT, EnvironmentError, SosikError, StepError, UsageError, knownError } from "./errors.ts";
import { readFile } from "node:fs/promises";
import {
  cachePath,
  codeVersion,
  fileDigest,
  linkKeptPages,
  readRenderCache,
  removeUnkept,
} from "./output/render-cache.ts";
import type { RecordedPage } from "./output/render-cache.ts";
import { prepareStoredBodies, storedEntries } from "./output/stored-bodies.ts";
import { outputFile } from "./preview/render-set.ts";
import type { BuildOptions, BuildProgress, RenderPlan } from "./plugins/build-options.ts";
import { indexedPage } from "./search/index-writer.ts";
import type { FromRenderer, RenderRequest, SentError, ToRenderer } from "./renderer.ts";
import type { IndexedPage } from "./search/shards.ts";

/** The project's root folder, where `.eleventy.ts` and `layouts/` are. */
const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

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

/** The renderer's side: run by src/renderer-child.ts in the forked process. */
export function runRenderer(): void {
  const parent = process as NodeJS.Process & { send: (message: FromRenderer) => boolean };
  // The build process is gone (killed, or it failed): nothing may go on writing its staging.
  process.once("disconnect", () => process.exit(EXIT.failed));
  const reply = (message: FromRenderer) =>
    new Promise<void>((resolveSent) => {
      (parent.send as (message: FromRenderer, callback: () => void) => boolean)(
        message,
        resolveSent,
      );
    });
  /** Told, or not, the renderer is done: it leaves even if a handle would keep it. */
  const finish = () => {
    process.removeAllListeners("disconnect");
    if (process.connected) process.disconnect();
    setTimeout(() => process.exit(), 1000).unref();
  };
  // A promise nobody awaits can reject inside Eleventy (a passthrough copy on a full disk).
  const failNow = (error: unknown) => {
    void reply({ type: "failed", error: sentError(error) }).finally(finish);
  };
  process.on("unhandledRejection", failNow);
  process.on("uncaughtException", failNow);
  let staging: ((folder: Staging) => void) | undefined;
  const stagingFolder = new Promise<Staging>((resolveStaging) => (staging = resolveStaging));
  process.on("message", (message: ToRenderer) => {
    if (message.type === "render") {
      staging?.({ folder: message.staging, recycled: message.recycled });
      return;
    }
    const progress = message.progress ? forwardedProgress(parent) : undefined;
    void renderWhenAsked(message.request, progress, stagingFolder, reply).then(
      finish,
      async (error: unknown) => {
        progress?.flush();
        await reply({ type: "failed", error: sentError(error) });
        finish();
      },
    );
  });
}

/** The folder to render into, and the pages a retired version taken over left in it. */
interface Staging {
  readonly folder: string;
  readonly recycled: readonly string[] | undefined;
}

async function renderWhenAsked(
  request: RenderRequest,
  progress: (BuildProgress & { flush(): void }) | undefined,
  stagingFolder: Promise<Staging>,
  reply: (message: FromRenderer) => Promise<void>,
): Promise<void> {
  const contentDir = resolve(request.contentDir);
  progress?.started("validating");
  let loaded: LoadedContent | undefined = loadContent(contentDir, { now: request.now });
  progress?.advanced(loaded.notices.length);
  // Rendering counts from here: Eleventy's setup and the board are part of it.
  progress?.started("rendering");
  // Eleventy's site data is drawn from the prepared bodies, never from the Markdown, which only
  // the workers read: this process keeps the notices without it, and lets the text go once the
  // bodies are prepared (about 800 MB at 100,000 notices).
  const content: LoadedContent = {
    ...loaded,
    notices: loaded.notices.map((notice) => ({ ...notice, body: "" })),
  };
  const errors = content.issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0 || !content.site) throw new ContentError(content.issues);
  // What the version this build replaces recorded: its prepared bodies are reused and its
  // unchanged pages kept (src/output/render-cache.ts). A damaged or foreign cache is no cache.
  const code = codeVersion();
  const previous = request.previous
    ? await readRenderCache(cachePath(request.previous), code)
    : undefined;
  // The new version's cache, beside the staging folder: the bodies are written into it as they
  // are prepared (in worker threads, while the build makes its staging folder and Eleventy
  // starts up in this thread), and read from it as their pages are drawn.
  const stored = prepareStoredBodies(
    loaded.notices,
    previous,
    stagingFolder.then(({ folder }) => cachePath(folder)),
  );
  const writer = stored.writer;
  writer.catch(() => undefined);
  const preparedBodies = stored.bodies.finally(() => previous?.close());
  // A local an async function still holds would keep the text alive to the end of the build.
  // eslint-disable-next-line no-useless-assignment
  loaded = undefined;
  // Awaited by the site data; a render failing before that must not leave it unhandled.
  preparedBodies.catch(() => undefined);
  progress?.flush();
  await reply({ type: "valid" });

  const published = content.notices.filter((n) => isPublished(n, request.now)).length;
  const warnings = content.issues.filter((issue) => issue.severity === "warning");
  const pathPrefix = request.pathPrefix ?? content.site.pathPrefix;
  const { folder: outputDir, recycled } = await stagingFolder;
  let noticePages: readonly IndexedPage[] = [];
  let noticeFiles: ReadonlyMap<string, string> = new Map();
  let plan: RenderPlan | undefined;
  let linking: Promise<void> = Promise.resolve();
  const eleventy = createEleventy({
    contentDir,
    outputDir,
    pathPrefix,
    options: {
      preview: false,
      now: request.now,
      preloaded: content,
      preparedBodies,
      pathPrefix,
      // Indexed by the build, once this process has exited.
      searchIndex: false,
      onNoticePages: (pages, files) => {
        noticePages = pages;
        noticeFiles = files;
      },
      warm: {
        code,
        ...(previous && request.previous
          ? { previous: { site: request.previous, record: previous.record } }
          : {}),
        planned: (made) => {
          plan = made;
          // A taken-over version's pages that are not kept go before anything is written: they
          // may be the published version's files (hard links), which must not be written into.
          const left = recycled ? removeUnkept(outputDir, recycled, made.kept) : undefined;
          // Kept pages are linked while Eleventy renders the others: the links are made in a
          // worker thread, the rendering is this thread's work.
          if (request.previous && made.kept.size > 0) {
            linking = linkKeptPages(request.previous, outputDir, made.kept.keys(), left);
            linking.catch(() => undefined);
          }
        },
      },
      ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}),
      ...(progress ? { progress } : {}),
    },
  });
  // The command line prints one summary line (and progress on a terminal) of its own;
  // Eleventy's "Wrote N files" line would repeat it, or break into the progress line.
  eleventy.disableLogger();
  const written = (await eleventy.write()) as unknown;
  if (!plan) throw new Error("the build made no render plan");
  const kept = plan.kept;
  await linking;
  // The new version's record: kept pages as recorded, the others as just written.
  const record = new Map<string, RecordedPage>();
  const searched = new Map(noticePages.map((page) => [page.url, page]));
  for (const [path, signature] of plan.signatures) {
    const keptPage = kept.get(path);
    if (keptPage) {
      record.set(path, keptPage);
      continue;
    }
    const url = `/${path.slice(0, -"index.html".length)}`;
    const search = searched.get(url)?.digest;
    const file = noticeFiles.get(path) ?? fileDigest(await readFile(join(outputDir, path)));
    record.set(path, { signature, file, ...(search ? { search } : {}) });
  }
  // Every notice page in the board's order, kept or rendered, for the search index.
  const allNoticePages = plan.noticeUrls.flatMap((url) => {
    const found = searched.get(url);
    if (found) return [found];
    const page = indexedPage(url, record.get(outputFile(url))?.search ?? "");
    return page ? [page] : [];
  });
  await (await writer).finish(record, storedEntries(await preparedBodies), code);
  progress?.flush();
  await reply({
    type: "rendered",
    report: {
      // Eleventy's own pages, then every notice and list page, kept or written by Sosik.
      pages: countWrites(written) + plan.signatures.size,
      kept: kept.size,
      noticePages: allNoticePages,
      notices: published,
      warnings,
    },
  });
}

function countWrites(written: unknown): number {
  // Eleventy 3's write() resolves to [passthroughCopies, templates]; count the rendered pages.
  if (Array.isArray(written) && Array.isArray(written[1])) {
    return (written[1] as unknown[]).flat().length;
  }
  return 0;
}

/**
 * Progress sent to the build process: steps at once, page counts gathered for a tenth of a
 * second (a message per page of 100,000 would cost more than the pages).
 */
function forwardedProgress(parent: {
  send: (message: FromRenderer) => boolean;
}): BuildProgress & { flush(): void } {
  let pending = 0;
  let sentAt = 0;
  const flush = () => {
    if (pending > 0) parent.send({ type: "advanced", count: pending });
    pending = 0;
    sentAt = performance.now();
  };
  return {
    started(step, total) {
      flush();
      parent.send(
        total === undefined ? { type: "started", step } : { type: "started", step, total },
      );
    },
    advanced(count = 1) {
      pending += count;
      if (performance.now() - sentAt >= 100) flush();
    },
    flush,
  };
}

/** A failure of the renderer, as the build process will throw it again. */
function sentError(thrown: unknown): SentError {
  const known = knownError(thrown, "cannot write the site");
  if (known instanceof ContentError) return { kind: "content", issues: known.issues };
  if (known instanceof EnvironmentError)
    return { kind: "environment", message: known.message, path: known.path };
  if (known instanceof StepError) return { kind: "step", message: known.message };
  if (known instanceof UsageError) return { kind: "usage", message: known.message };
  if (known instanceof SosikError)
    return { kind: "sosik", message: known.message, exitCode: known.exitCode };
  const message =
    thrown instanceof Error ? (thrown.stack ?? thrown.message) : `${String(thrown)} was thrown`;
  return { kind: "bug", message };
}
