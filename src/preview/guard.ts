/**
 * The preview server's request guard, in front of Eleventy's dev server. The dev server joins
 * the decoded request path to its folder and checks the result with a plain prefix test
 * (node_modules/@11ty/eleventy-dev-server/server.js, getOutputDirFilePath): `%2f` escapes to a
 * sibling folder sharing the name's prefix, a symbolic link leads anywhere, and the error it
 * throws on `..` or `%zz` ends the process. The guard answers such requests itself, so the dev
 * server only ever sees paths that stay inside the preview's folder.
 */
import { realpathSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";
import { join, sep } from "node:path";

/** A connect-style middleware, as the dev server's `middleware` option takes them. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => unknown) => void;

/** Longer request targets are refused: no page of the site has an address this long. */
const MAX_TARGET_LENGTH = 2048;

/** Where the preview listens and what it serves. */
export interface GuardOptions {
  /** The folder served. */
  readonly root: string;
  /** The site's path prefix, `/` or `/name/`. */
  readonly pathPrefix: string;
  /**
   * `Host` values a request may carry (`127.0.0.1:8080`), or undefined to take any. On the
   * loopback address this stops a web page that rebinds its own name to 127.0.0.1 from
   * reading the preview.
   */
  readonly hosts: () => ReadonlySet<string> | undefined;
  /** Told about a request the dev server failed on (it answered 500). */
  readonly onError: (error: unknown) => void;
}

/** Whether an address is this machine's loopback (127.0.0.0/8 or ::1). */
export function isLoopback(address: string): boolean {
  return isIP(address) === 4 ? address.startsWith("127.") : address === "::1";
}

/** The `Host` values a browser sends for a server on a loopback address and port. */
export function loopbackHosts(address: string, port: number): ReadonlySet<string> {
  const names = address === "::1" ? ["[::1]", "localhost"] : [address, "localhost"];
  return new Set(names.map((name) => `${name}:${String(port)}`));
}

/** The guard as a dev-server middleware. */
export function requestGuard(options: GuardOptions): Middleware {
  const root = realpathSync(options.root);
  return (req, res, next) => {
    try {
      const refusal = refuse(req, root, options);
      if (refusal) {
        answer(res, refusal);
        return;
      }
      // The dev server's last middleware is synchronous: what it throws arrives here.
      next();
    } catch (error) {
      options.onError(error);
      if (!res.headersSent) answer(res, 500);
      else res.destroy();
    }
  };
}

/**
 * Refuses WebSocket connections (the live-reload channel, which carries every changed page)
 * from other sites' pages and from unknown `Host` names: browsers let any page open a
 * WebSocket to 127.0.0.1, and only the Origin header tells who asks.
 */
export function guardUpgrades(server: Server, hosts: GuardOptions["hosts"]): void {
  const listeners = server.listeners("upgrade") as ((...args: unknown[]) => void)[];
  server.removeAllListeners("upgrade");
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = req.headers.host ?? "";
    const allowed = hosts();
    const origin = req.headers.origin;
    if ((allowed && !allowed.has(host)) || (origin !== undefined && origin !== `http://${host}`)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    for (const listener of listeners) listener.call(server, req, socket, head);
  });
}

/** The status to answer a request with instead of serving it, or undefined to serve it. */
function refuse(
  req: IncomingMessage,
  root: string,
  options: GuardOptions,
): 400 | 404 | 405 | undefined {
  const allowed = options.hosts();
  if (allowed && !allowed.has(req.headers.host ?? "")) return 400;
  if (req.method !== "GET" && req.method !== "HEAD") return 405;
  const target = req.url ?? "";
  // Only origin-form targets (`/path?query`): an absolute URL (`http://host/path`), `*` or a
  // scheme-relative `//host` is not a request for a file of this site.
  if (!target.startsWith("/") || target.startsWith("//") || target.length > MAX_TARGET_LENGTH) {
    return 400;
  }
  const rawPath = target.split(/[?#]/, 1)[0] ?? "";
  // Encoded separators and NUL never name a file here; backslashes are separators on Windows.
  if (/%(?:2f|5c|00)|\\/i.test(rawPath)) return 400;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return 400; // invalid percent-encoding, such as `%zz`
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(path)) return 400;
  if (path.split("/").some((segment) => segment === "." || segment === "..")) return 400;

  const prefix = `/${options.pathPrefix}/`.replace(/\/+/g, "/");
  if (!path.startsWith(prefix)) return undefined; // the dev server redirects or answers 404
  const relative = path.slice(prefix.length);
  // Every file the dev server may answer with for this path (server.js, mapUrlToFilePath).
  const file = join(root, relative);
  const candidates = [file, join(file, "index.html"), `${file.replace(/[\\/]+$/, "")}.html`];
  return candidates.some((candidate) => leavesRoot(root, candidate)) ? 404 : undefined;
}

/** Whether `path` exists and, links followed, is outside `root`. */
function leavesRoot(root: string, path: string): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return false; // not there: the dev server answers 404 itself
  }
  return real !== root && !real.startsWith(root + sep);
}

/** Ends a response with a status and its one-line reason. */
function answer(res: ServerResponse, status: 400 | 404 | 405 | 500): void {
  const reasons = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    500: "Internal server error",
  };
  res.statusCode = status;
  // A static site is read, never written: every other method is refused.
  if (status === 405) res.setHeader("Allow", "GET, HEAD");
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(`${reasons[status]}\n`);
}
