/**
 * `npm start [-- --content DIR] [--port 8080] [--host 127.0.0.1]`: the preview server.
 * Eleventy's dev server renders the site with drafts and scheduled notices shown (each marked
 * "draft"), rebuilds when a notice, a data file or a layout changes, and reloads the open page.
 * It listens on the loopback address only unless told otherwise, behind a request guard.
 */
import type { Server } from "node:http";
import { isIP } from "node:net";
import { rm } from "node:fs/promises";
import { constants } from "node:os";
import { resolve } from "node:path";
import { createEleventy } from "../render-site.ts";
import { editorOrigins, startLocalBackend } from "../editor/local-backend.ts";
import { isContentFolder, loadContent } from "../content/load.ts";
import type { NoticeParseCache } from "../content/load.ts";
import { EnvironmentError, environmentError, isSystemError } from "../errors.ts";
import { DEFAULTS } from "../options.ts";
import { errorBanner, failureBanner } from "../preview/error-banner.ts";
import type { BuildFailure } from "../preview/error-banner.ts";
import { guardUpgrades, isLoopback, loopbackHosts, requestGuard } from "../preview/guard.ts";
import type { Middleware } from "../preview/guard.ts";
import { createPreviewFolder, removeLeftoverPreviews } from "../preview/temp-folders.ts";
import { EXIT, UsageError, parseOptions, printIssues, runCommand } from "./run.ts";
import { homeUrl } from "../urls.ts";

const USAGE = "npm start -- [--content DIR] [--port 8080] [--host 127.0.0.1]";

/** When the port asked for is taken, the next ones are tried, as the dev server would. */
const PORT_ATTEMPTS = 10;

/**
 * Smaller search shards than a published build's: an edit re-indexes the shard it falls in,
 * and Pagefind takes about half a second for 150 pages. Small shards take little memory, so
 * two are indexed at once when the preview starts.
 */
const PREVIEW_SHARD_PAGES = 150;
const PREVIEW_INDEX_JOBS = 2;

/** The parts of Eleventy's dev server (node_modules/@11ty/eleventy-dev-server/server.js) used. */
interface DevServer {
  /** Its HTTP server, made on first use; the preview listens with it itself. */
  readonly server: Server;
  ready(): Promise<void>;
  getServerUrl(host: string, pathname?: string): string;
  /** What Eleventy calls after a failed rebuild, and after a good one. */
  sendError(payload: { error: unknown }): unknown;
  reload(event: object): unknown;
}

/** The parts of Eleventy's watch mode and dev server that its types do not describe. */
interface EleventyInternals {
  /** Eleventy's side of the dev server (node_modules/@11ty/eleventy/src/EleventyServe.js). */
  readonly eleventyServe: {
    /** The options the dev server is made with (its `middleware` among them). */
    readonly options: Record<string, unknown>;
    init(): Promise<void>;
    initServerInstance(): Promise<void>;
    /** The dev server, once `initServerInstance()` resolved. */
    readonly server: DevServer;
  };
  /** The file watcher, once `watch()` resolved. */
  readonly watcher: { on(event: "unlink", listener: (path: string) => void): void };
}

await runCommand(USAGE, async () => {
  const values = parseOptions(process.argv.slice(2), {
    content: { type: "string", default: DEFAULTS.contentDir },
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
  });
  const port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port < 1 || port > 65535) {
    throw new UsageError(
      `--port: expected a port number like 8080, got ${JSON.stringify(values.port)}`,
    );
  }
  const host = values.host;
  if (isIP(host) === 0) {
    throw new UsageError(
      `--host: expected an IP address of this machine like 127.0.0.1, 192.168.0.10 or 0.0.0.0, got ${JSON.stringify(host)}`,
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
  // published, and is removed when the server stops. Folders of previews that were killed
  // before they could remove theirs go first.
  await removeLeftoverPreviews();
  const folder = await createPreviewFolder();
  const outputDir = folder.site;
  // The web editor at /admin/ saves through this backend into the content folder.
  const editorBackend = await startLocalBackend(contentDir, editorOrigins(host, port));
  const pathPrefix = content.site.pathPrefix;
  const eleventy = createEleventy({
    contentDir,
    outputDir,
    pathPrefix,
    runMode: "serve",
    // The search index is built by src/plugins/search-index.ts on `eleventy.after`, which runs
    // after the first build and after every rebuild here as in `npm run build` (unchanged
    // shards are kept); the preview's index holds drafts and scheduled notices too.
    options: {
      preview: true,
      now,
      preloaded: content,
      parseCache,
      pathPrefix,
      editorBackendUrl: editorBackend.url,
      shardPages: PREVIEW_SHARD_PAGES,
      indexJobs: PREVIEW_INDEX_JOBS,
      // Eleventy's "Wrote N files" counts its own pages; the notice pages are Sosik's.
      onNoticePages: (pages) => {
        console.log(`Wrote ${String(pages.length)} notice pages`);
      },
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
    // Eleventy only logs a deleted file: a deleted (or renamed) notice must leave the lists.
    // The rebuild removes its old page from the preview folder (src/plugins/notice-pages.ts),
    // where the search indexer would still find it.
    internals.watcher.on("unlink", (path) => {
      void rebuild(path);
    });

    // The Host names a request may carry, known once the server listens (none before).
    let hosts: ReadonlySet<string> | undefined = new Set<string>();
    const failure: BuildFailure = { banner: undefined };
    const middleware: Middleware[] = [
      requestGuard({
        root: outputDir,
        pathPrefix,
        hosts: () => hosts,
        onError: (error) => {
          console.error(
            `Preview server error: ${error instanceof Error ? error.message : String(error)}`,
          );
        },
      }),
      errorBanner(failure),
    ];
    const serve = internals.eleventyServe;
    await serve.init();
    // The printed address is ours; the dev server's own start message would repeat it.
    Object.assign(serve.options, { middleware, messageOnStart: () => false });
    await serve.initServerInstance();
    const server = serve.server;
    showFailuresInPages(server, failure);
    const listening = await listen(server.server, host, port);
    await server.ready();
    guardUpgrades(server.server, () => hosts);
    hosts = isLoopback(host) ? loopbackHosts(host, listening) : undefined;

    // An unspecified address (0.0.0.0, ::) listens on every interface: a browser here
    // reaches it on the loopback one.
    const shown = /^(?:0\.0\.0\.0|::)$/.test(host) ? "127.0.0.1" : host;
    const home = server.getServerUrl(
      isIP(shown) === 6 ? `[${shown}]` : shown,
      homeUrl(content.site.defaultLang),
    );
    // Listened for before the address is printed: whoever reads it may stop the preview at once.
    const stopped = untilStopped();
    if (!isLoopback(host)) {
      console.warn(
        `Warning: --host ${host} opens the preview to the network: drafts and scheduled notices become readable by anyone who can reach this address.`,
      );
    }
    console.log(
      `Preview at ${home}\nDrafts and scheduled notices are shown, marked "draft". Pages reload when a notice, a data file or a layout changes. The web editor is at ${new URL("admin/", home.replace(/[^/]*\/$/, "")).href}. Press Ctrl+C to stop.`,
    );
    await stopped;
  } finally {
    await editorBackend.stop();
    await eleventy.stopWatch();
    // The pages go now; the folder with its marker when the process exits, after the search
    // indexer (which may still be writing into it) is done, or the next start sweeps it up.
    // A file the indexer writes while the folder is removed fails the removal of its folder
    // (ENOTEMPTY): Node's retries take it again.
    await rm(folder.site, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
  return EXIT.ok;
});

/**
 * After a failed rebuild the open pages reload to show the banner; the next good build (which
 * reloads them again) takes it away.
 */
function showFailuresInPages(server: DevServer, failure: BuildFailure): void {
  const sendError = server.sendError.bind(server);
  const reload = server.reload.bind(server);
  server.sendError = (payload) => {
    failure.banner = failureBanner(payload.error);
    sendError(payload);
    return reload({});
  };
  server.reload = (event) => {
    failure.banner = undefined;
    return reload(event);
  };
}

/**
 * Listens on `host` only, from `port` on, trying the next ports while they are taken; resolves
 * with the port. The dev server would retry on every interface, so its own error handler goes.
 */
async function listen(server: Server, host: string, port: number): Promise<number> {
  server.removeAllListeners("error");
  for (let attempt = 0; ; attempt++) {
    const candidate = port + attempt;
    try {
      await new Promise<void>((done, fail) => {
        server.once("error", fail);
        server.listen({ port: candidate, host }, () => {
          server.off("error", fail);
          done();
        });
      });
      server.on("error", (error) => {
        console.error(`Preview server error: ${error.message}`);
      });
      return candidate;
    } catch (error) {
      const code = isSystemError(error) ? error.code : "";
      if (code === "EADDRINUSE" && attempt + 1 < PORT_ATTEMPTS && candidate < 65535) continue;
      if (code === "EADDRINUSE") {
        throw new UsageError(
          `--port: ports ${String(port)} to ${String(candidate)} are all in use; choose another with --port`,
        );
      }
      if (code === "EADDRNOTAVAIL") {
        throw new UsageError(`--host: ${host} is not an address of this machine`);
      }
      throw (
        environmentError(error, `cannot listen on ${host} port ${String(candidate)}`) ??
        new EnvironmentError(
          `cannot listen on ${host} port ${String(candidate)}: ${error instanceof Error ? error.message : String(error)}`,
          host,
          { cause: error },
        )
      );
    }
  }
}

/**
 * Resolves on Ctrl+C or a termination signal. A second signal while the preview stops ends the
 * process at once (its folder still goes with the process's `exit`).
 */
function untilStopped(): Promise<void> {
  return new Promise((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(128 + constants.signals[signal]);
      stopping = true;
      done();
    };
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
  });
}
