/**
 * The web editor's local backend in the preview: decap-server (npm `decap-server`) in its file
 * mode, which writes what the editor saves straight into the content folder, no git, no
 * account. It listens on 127.0.0.1 only, on a free port of its own, answers the preview's pages
 * only (BACKEND_PRELOAD), and refuses any path that resolves outside the content folder
 * (decap-server/src/middlewares/utils/path.ts).
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { EnvironmentError } from "../errors.ts";

/** A running local backend: the API address the editor's configuration names, and its stop. */
export interface LocalBackend {
  readonly url: string;
  stop(): Promise<void>;
}

const READY_MS = 30_000;

/** A port nobody listens on right now on 127.0.0.1. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === "object" && address !== null) resolve(address.port);
        else reject(new Error("no free port"));
      });
    });
  });
}

/**
 * Loaded into decap-server before its own code, which has no check of who asks:
 * - It exits when the channel to the preview closes. A preview ended by SIGTERM or Ctrl-C stops
 *   the backend itself; one killed outright (SIGKILL, the out-of-memory killer) cannot, and its
 *   backend went on holding its port and the content.
 * - It answers 403 to a request whose `Host` is not this backend's loopback address (a web page
 *   that rebinds its own name to 127.0.0.1 sends its own name) or whose `Origin` is not the
 *   preview's (any other page may send a request to 127.0.0.1, and the browser's cross-origin
 *   rule only hides the answer: the file would be written). Every HTTP server of the process
 *   goes through it, before any of decap-server's handlers.
 */
const BACKEND_PRELOAD = `data:text/javascript,${encodeURIComponent(
  [
    'import { Server } from "node:http";',
    'process.on("disconnect", () => process.exit(0));',
    "const port = process.env.PORT;",
    "const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);",
    'const origins = new Set((process.env.SOSIK_EDITOR_ORIGINS ?? "").split(" ").filter(Boolean));',
    "const emit = Server.prototype.emit;",
    "Server.prototype.emit = function (event, request, response) {",
    '  if (event === "request") {',
    "    const { host, origin } = request.headers;",
    '    if (!hosts.has(host ?? "") || (origin !== undefined && !origins.has(origin))) {',
    '      response.writeHead(403, { "content-type": "text/plain" });',
    '      response.end("Forbidden\\n");',
    "      return true;",
    "    }",
    "  }",
    "  return emit.apply(this, arguments);",
    "};",
  ].join("\n"),
)}`;

/**
 * The origins the preview's pages have for a preview on `host` and `port`: the web editor's
 * requests to the backend come from one of these.
 */
export function editorOrigins(host: string, port: number): readonly string[] {
  const names = new Set(["127.0.0.1", "localhost", "[::1]"]);
  // An unspecified address (every interface) is reached from this machine on a loopback one.
  if (!/^(?:0\.0\.0\.0|::)$/.test(host)) names.add(host.includes(":") ? `[${host}]` : host);
  return [...names].map((name) => `http://${name}:${String(port)}`);
}

/**
 * Starts decap-server for `contentDir`, answering requests from pages of `origins` only (and
 * requests without an origin, such as this process's); resolves once it answers.
 */
export async function startLocalBackend(
  contentDir: string,
  origins: readonly string[],
): Promise<LocalBackend> {
  const entry = createRequire(import.meta.url).resolve("decap-server/dist/index.js");
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${String(port)}/api/v1`;
  const child: ChildProcess = spawn(process.execPath, ["--import", BACKEND_PRELOAD, entry], {
    // decap-server reads a .env file from its working folder: give it one that has none.
    cwd: tmpdir(),
    env: {
      PATH: process.env["PATH"] ?? "",
      PORT: String(port),
      BIND_HOST: "127.0.0.1",
      MODE: "fs",
      GIT_REPO_DIRECTORY: contentDir,
      LOG_LEVEL: "warn",
      SOSIK_EDITOR_ORIGINS: origins.join(" "),
    },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((done) =>
    child.once("exit", () => {
      done();
    }),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  const end = Date.now() + READY_MS;
  for (;;) {
    if (child.exitCode !== null) {
      throw new EnvironmentError(
        `the web editor's local backend stopped at start: ${errors.trim()}`,
        entry,
      );
    }
    const answered = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "info" }),
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return { url, stop };
    if (Date.now() > end) {
      await stop();
      throw new EnvironmentError(`the web editor's local backend did not answer on ${url}`, entry);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}
