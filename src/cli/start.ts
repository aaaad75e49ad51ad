/**
 * `npm start [-- --content DIR] [--port 8080]`: the preview server. Eleventy's dev server
 * renders the site with drafts and scheduled notices shown (each marked "draft"), rebuilds when
 * a notice, a data file or a layout changes, and reloads the open page.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { createEleventy } from "../build.ts";
import { SLUG_PATTERN, isContentFolder, loadContent } from "../content/load.ts";
import type { NoticeParseCache } from "../content/load.ts";
import { DEFAULTS, isLang } from "../options.ts";
import { EXIT, UsageError, parseOptions, printIssues, runCommand } from "./run.ts";

const USAGE = "npm start -- [--content DIR] [--port 8080]";

/**
 * Smaller search shards than a published build's: an edit re-indexes the shard it falls in,
 * and Pagefind takes about half a second for 150 pages. Small shards take little memory, so
 * two are indexed at once when the preview starts.
 */
const PREVIEW_SHARD_PAGES = 150;
const PREVIEW_INDEX_JOBS = 2;

/** The parts of Eleventy's watch mode and dev server that its types do not describe. */
interface EleventyInternals {
  /** The dev server, once `serve()` was called. */
  readonly eleventyServe: {
    readonly server: {
      ready(): Promise<void>;
      getServerUrl(host: string, pathname?: string): string;
    };
  };
  /** The file watcher, once `watch()` resolved. */
  readonly watcher: { on(event: "unlink", listener: (path: string) => void): void };
}

await runCommand(USAGE, async () => {
  const values = parseOptions(process.argv.slice(2), {
    content: { type: "string", default: DEFAULTS.contentDir },
    port: { type: "string", default: "8080" },
  });
  const port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port < 1 || port > 65535) {
    throw new UsageError(
      `--port: expected a port number like 8080, got ${JSON.stringify(values.port)}`,
    );
  }
  if (!isContentFolder(values.content)) {
    throw new UsageError(`content folder not found: ${values.content}`);
  }
  const contentDir = resolve(values.content);
  const now = Date.now();
  // Kept for the reloads after each edit: unchanged files are not parsed again.
  const parseCache: NoticeParseCache = new Map();
  const content = loadContent(contentDir, { now, cache: parseCache });
  if (content.issues.some((issue) => issue.severity === "error") || !content.site) {
    printIssues(content.issues);
    console.error("Fix these, then run npm start again.");
    return EXIT.content;
  }

  // The preview has drafts in it: it goes to a folder of its own, never to the output that is
  // published, and is removed when the server stops.
  const outputDir = await mkdtemp(join(tmpdir(), "sosik-preview-"));
  const pathPrefix = content.site.pathPrefix;
  const eleventy = createEleventy({
    contentDir,
    outputDir,
    pathPrefix,
    runMode: "serve",
    // The search index is built by src/plugins/pagefind.ts on `eleventy.after`, which runs
    // after the first build and after every rebuild here as in `npm run build` (unchanged
    // shards are kept); the preview's index holds drafts and scheduled notices too.
    options: {
      preview: true,
      now,
      preloaded: content,
      parseCache,
      pathPrefix,
      shardPages: PREVIEW_SHARD_PAGES,
      indexJobs: PREVIEW_INDEX_JOBS,
      onIndexed: ({ pages, shards, reused }) => {
        console.log(
          `Search updated: ${String(pages)} notices, ${String(shards - reused)} of ${String(shards)} shards indexed again`,
        );
      },
    },
  });
  try {
    await eleventy.init();
    const rebuild = (await eleventy.watch()) as (path: string) => Promise<void>;
    const internals = eleventy as unknown as EleventyInternals;
    // Eleventy only logs a deleted file: a deleted (or renamed) notice must leave the lists,
    // and its old page the preview folder, where the search indexer would still find it.
    internals.watcher.on("unlink", (path) => {
      const page = pageOfNotice(contentDir, outputDir, resolve(path));
      const removed =
        page === undefined ? Promise.resolve() : rm(page, { recursive: true, force: true });
      void removed.then(() => rebuild(path));
    });
    await eleventy.serve(port);
    const server = internals.eleventyServe.server;
    await server.ready();

    const home = server.getServerUrl("localhost", `/${content.site.defaultLang}/`);
    console.log(
      `Preview at ${home}\nDrafts and scheduled notices are shown, marked "draft". Pages reload when a notice, a data file or a layout changes. Press Ctrl+C to stop.`,
    );
    await untilStopped();
  } finally {
    await eleventy.stopWatch();
    await rm(outputDir, { recursive: true, force: true });
  }
  return EXIT.ok;
});

/** The preview's folder for the notice file at `path`, when it is one. */
function pageOfNotice(contentDir: string, outputDir: string, path: string): string | undefined {
  const parts = relative(contentDir, path).split(sep);
  const [lang = "", folder, file = ""] = parts;
  const slug = file.endsWith(".md") ? file.slice(0, -3) : "";
  if (parts.length !== 3 || !isLang(lang) || folder !== DEFAULTS.noticesFolder) return undefined;
  // Only a valid notice name ever had a page; anything else must not name a folder to delete.
  return SLUG_PATTERN.test(slug) ? join(outputDir, lang, DEFAULTS.noticesFolder, slug) : undefined;
}

/** Resolves on Ctrl+C or a termination signal. */
function untilStopped(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
