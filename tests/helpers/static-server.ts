/**
 * A static file server for browser tests and the search bench: serves a built folder on
 * 127.0.0.1 with serve-static (Express's), so pages, Pagefind bundles and assets load over real
 * HTTP (fetch and wasm need it; file:// is blocked), under a path prefix when asked.
 */
import { createServer } from "node:http";
import type { ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, resolve } from "node:path";
import serveStatic_ from "serve-static";

/** Options for {@link serveStatic}. */
export interface StaticServerOptions {
  /** URL path the folder is mounted under, like "/sosik/"; requests outside it get 404. */
  readonly prefix?: string;
}

/** A running static server. */
export interface StaticServer {
  /** Base URL of the served folder, always ending in "/", e.g. "http://127.0.0.1:41234/sosik/". */
  readonly url: string;
  /** The port the server listens on. */
  readonly port: number;
  /** Stops listening and drops open keep-alive connections. */
  close(): Promise<void>;
}

/**
 * Types serve-static's table (mime-db) lacks: Pagefind's binary chunks must not be sniffed as
 * text, and Korean government attachments are often HWP.
 */
const EXTRA_TYPES: Readonly<Record<string, string>> = {
  ".pagefind": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_filter": "application/octet-stream",
  ".hwp": "application/x-hwp",
  ".hwpx": "application/hwp+zip",
};

function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Serves `folder` on 127.0.0.1 at a free port, optionally under a prefix such as "/sosik/". */
export async function serveStatic(
  folder: string,
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const prefix = normalizePrefix(options.prefix);
  // "/sosik" without the slash is the mount itself; serve-static redirects it to "/sosik/".
  const mount = prefix === "/" ? "" : prefix.slice(0, -1);
  // The folder may be a symbolic link (Sosik's _site is one); send follows it with stat.
  const files = serveStatic_(resolve(folder), {
    // Nothing else answers: a missing file, a dot file or a POST ends here as 404 or 405.
    fallthrough: false,
    index: ["index.html"],
    // Every request reads the disk, so a rebuilt folder is served as it is now.
    etag: false,
    lastModified: false,
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader("cache-control", "no-store");
      const type = EXTRA_TYPES[extname(path).toLowerCase()];
      if (type !== undefined) res.setHeader("content-type", type);
    },
  });

  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const path = url.split("?")[0] ?? "";
    if (path !== mount && !path.startsWith(`${mount}/`)) {
      sendText(res, 404, "not found");
      return;
    }
    // As a mounted Express middleware sees it: the path below the mount, the original kept
    // for redirects.
    const below = url.slice(mount.length);
    Object.assign(req, { originalUrl: url, url: below.startsWith("/") ? below : `/${below}` });
    files(req, res, (error?: { status?: number; statusCode?: number }) => {
      const status = error?.status ?? error?.statusCode ?? 404;
      sendText(res, status, status === 404 ? "not found" : `error ${String(status)}`);
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}${prefix}`,
    port,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolveClose();
        });
        server.closeAllConnections();
      }),
  };
}
