/**
 * A tiny static file server for browser tests: serves a built folder on 127.0.0.1 so pages,
 * Pagefind bundles and assets load over real HTTP (fetch and wasm need it; file:// is blocked).
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

/** Options for {@link serveStatic}. */
export interface StaticServerOptions {
  /** URL path the folder is mounted under, like "/sosik/"; requests outside it get 404. */
  readonly prefix?: string;
  /** Extra or overriding content types by lower-case extension with the dot, like ".pf_meta". */
  readonly contentTypes?: Readonly<Record<string, string>>;
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

/** Content types by extension; Pagefind's binary chunks must not be sniffed as text. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".rss": "application/rss+xml; charset=utf-8",
  ".atom": "application/atom+xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
  ".hwp": "application/x-hwp",
  ".hwpx": "application/hwp+zip",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".wasm": "application/wasm",
  ".pagefind": "application/octet-stream",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_filter": "application/octet-stream",
};

function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

/** Maps a URL path to a file under root, or undefined when it is outside the mount or root. */
function resolveRequestPath(root: string, prefix: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  // "/sosik" without the slash is treated as the mount root, like most static hosts do.
  const mount = prefix === "/" ? "/" : prefix.slice(0, -1);
  if (decoded !== mount && !decoded.startsWith(prefix)) return undefined;
  const relative = decoded.slice(mount.length).replace(/^\/+/, "");
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  return file;
}

async function findFile(file: string): Promise<{ file: string; size: number } | undefined> {
  try {
    const info = await stat(file);
    if (info.isFile()) return { file, size: info.size };
    if (info.isDirectory()) {
      const index = path.join(file, "index.html");
      const indexInfo = await stat(index);
      if (indexInfo.isFile()) return { file: index, size: indexInfo.size };
    }
  } catch {
    // Missing files fall through to a 404.
  }
  return undefined;
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
  const root = path.resolve(folder);
  const prefix = normalizePrefix(options.prefix);
  const types: Record<string, string> = { ...CONTENT_TYPES, ...options.contentTypes };

  // Read-only: GET and HEAD only, and anything outside the mount or missing is a 404.
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      sendText(res, 405, "method not allowed");
      return;
    }
    const urlPath = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const target = resolveRequestPath(root, prefix, urlPath);
    const found = target === undefined ? undefined : await findFile(target);
    if (found === undefined) {
      sendText(res, 404, "not found");
      return;
    }
    // A directory URL without its slash would break relative links, so redirect like real hosts.
    if (!urlPath.endsWith("/") && found.file !== target) {
      res.writeHead(301, { location: `${urlPath}/` });
      res.end();
      return;
    }
    const type = types[path.extname(found.file).toLowerCase()] ?? "application/octet-stream";
    res.writeHead(200, {
      "content-type": type,
      "content-length": found.size,
      "cache-control": "no-store",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    const stream = createReadStream(found.file);
    stream.on("error", () => res.destroy());
    stream.pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, "internal error");
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
