import assert from "node:assert/strict";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { mkdir, readdir, stat, symlink, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { makeContent, noticePair, runCli, tempDir } from "../helpers/site.ts";
import { freePort } from "../helpers/ports.ts";
import { spawnPreview } from "../helpers/preview.ts";

/** A running preview: its process, what it printed so far, its address. */
interface Preview {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: () => string;
  readonly origin: string;
  readonly port: number;
}

/** Starts `npm start` on `contentDir` with TMPDIR set to `tmp`; resolves once it listens. */
async function startPreview(
  contentDir: string,
  tmp: string,
  args: readonly string[] = [],
): Promise<Preview> {
  const {
    child,
    port,
    output: printed,
  } = await spawnPreview(contentDir, {
    args,
    env: { TMPDIR: tmp },
  });
  const home = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the preview did not start in 90 s:\n${printed()}`));
    }, 90_000);
    child.stdout.on("data", () => {
      const match = /^Preview at (http:\/\/\S+)$/m.exec(printed());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the preview exited ${String(code)} before listening:\n${printed()}`));
    });
  });
  return { child, output: printed, origin: new URL(home).origin, port };
}

/** The child processes of `pid`, as Linux lists them for each of its threads. */
function childProcesses(pid: number): number[] {
  const tasks = readdirSync(`/proc/${String(pid)}/task`);
  return tasks.flatMap((task) =>
    readFileSync(`/proc/${String(pid)}/task/${task}/children`, "utf8")
      .split(" ")
      .filter(Boolean)
      .map(Number),
  );
}

/** A process's command line, or "" once it is gone. */
function processCommand(pid: number): string {
  try {
    return readFileSync(`/proc/${String(pid)}/cmdline`, "utf8")
      .split("\0")
      .join(" ");
  } catch {
    return "";
  }
}

/** Whether a process still runs (a zombie waiting for its parent counts as gone). */
function isAlive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${String(pid)}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** Stops a preview with `signal` and resolves with its exit code (or the signal). */
function stop(preview: Preview, signal: NodeJS.Signals): Promise<number | string | null> {
  const { child } = preview;
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? child.signalCode);
  }
  return new Promise((resolve) => {
    child.once("exit", (code, killed) => {
      resolve(code ?? killed);
    });
    child.kill(signal);
  });
}

/** A raw HTTP/1.1 request, the target sent exactly as given (no client normalises it). */
function rawRequest(
  port: number,
  target: string,
  headers: Readonly<Record<string, string>> = {},
  host = "127.0.0.1",
): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    let data = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      const all = { host: `127.0.0.1:${String(port)}`, connection: "close", ...headers };
      const lines = Object.entries(all).map(([name, value]) => `${name}: ${value}`);
      socket.write(`GET ${target} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
    });
    socket.on("data", (chunk: string) => {
      data += chunk;
      // An upgrade answered 101 stays open: the status line is all a test needs.
      if (/^HTTP\/1\.1 101 /.test(data) && data.includes("\r\n\r\n")) socket.destroy();
    });
    socket.on("close", () => {
      const [head = "", body = ""] = data.split("\r\n\r\n", 2);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body });
    });
    socket.on("error", reject);
  });
}

/** The preview folders (by name) in a temporary folder. */
async function previewFolders(tmp: string): Promise<string[]> {
  return (await readdir(tmp)).filter((name) => name.startsWith("sosik-preview-")).sort();
}

/** A request to the editor's backend with the given Host and Origin headers. */
function backendRequest(
  port: number,
  headers: { readonly host: string; readonly origin?: string },
  body: object,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: "/api/v1",
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => {
          resolve({ status: response.statusCode ?? 0, body: text });
        });
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}

/** The folder a preview serves: the one of its folder that holds the site's pages. */
async function servedFolder(tmp: string): Promise<string> {
  const [name] = await previewFolders(tmp);
  assert.ok(name, "the preview should have made its folder in TMPDIR");
  for (const candidate of [join(tmp, name, "site"), join(tmp, name)]) {
    if (await stat(join(candidate, "en/index.html")).catch(() => undefined)) return candidate;
  }
  throw new Error(`no site found in ${join(tmp, name)}`);
}

/** This machine's first non-loopback IPv4 address, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry?.family === "IPv4" && !entry.internal)?.address;
}

const content = makeContent(noticePair("2019-03-12-published", "Published notice"));

describe("npm start: what the preview serves and to whom", () => {
  let tmp = "";
  let preview: Preview | undefined;
  let served = "";
  const SECRET = "secret outside the preview folder";

  before(async () => {
    tmp = await tempDir();
    preview = await startPreview(await content, tmp);
    served = await servedFolder(tmp);
    // A folder beside the served one whose name starts with the same name, a file outside,
    // and links inside the served folder that point out of it.
    await mkdir(`${served}-secret`);
    await writeFile(join(`${served}-secret`, "secret.txt"), SECRET);
    const outside = await tempDir();
    await writeFile(join(outside, "secret.txt"), SECRET);
    await symlink(join(outside, "secret.txt"), join(served, "en", "leak.txt"));
    await symlink(outside, join(served, "leak-folder"));
  });

  after(async () => {
    if (preview) await stop(preview, "SIGTERM");
  });

  it("listens on 127.0.0.1, and not on this machine's network address", async (t) => {
    assert.ok(preview);
    assert.match(preview.origin, /^http:\/\/127\.0\.0\.1:\d+$/, "the address printed");
    assert.equal((await rawRequest(preview.port, "/en/")).status, 200);
    const address = externalAddress();
    if (!address) {
      t.skip("this machine has no non-loopback IPv4 address to try");
      return;
    }
    await assert.rejects(
      rawRequest(preview.port, "/en/", {}, address),
      /ECONNREFUSED/,
      `the preview should not be reachable on ${address}`,
    );
  });

  it("answers malformed, encoded and out-of-folder paths with 400 or 404 and keeps running", async () => {
    assert.ok(preview);
    const sibling = `${basename(served)}-secret`;
    const targets = [
      "/..%2f..%2f..%2f..%2fetc%2fpasswd",
      "/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
      "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/en/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      `/..%2f${sibling}%2fsecret.txt`,
      `/..%2f${sibling}/secret.txt`,
      "/en/%00.html",
      "/en%00/",
      "/%zz",
      "/en/%e0%a4%a",
      "/..\\..\\etc\\passwd",
      "/en\\..\\..\\etc\\passwd",
      "/%5c..%5c..%5cetc%5cpasswd",
      `/${"a".repeat(4000)}`,
      "http://127.0.0.1/en/",
      "http://example.com/../../etc/passwd",
      "*",
      "//etc/passwd",
      "/en/leak.txt",
      "/leak-folder/secret.txt",
    ];
    for (const target of targets) {
      const { status, body } = await rawRequest(preview.port, target);
      assert.ok(
        status === 400 || status === 404,
        `${target.slice(0, 60)} should get 400 or 404, got ${String(status)}`,
      );
      assert.doesNotMatch(body, /root:|secret outside/, `${target.slice(0, 60)} leaked a file`);
    }
    assert.equal(preview.child.exitCode, null, "the preview should still be running");
    assert.equal(
      (await rawRequest(preview.port, "/en/notices/2019-03-12-published/")).status,
      200,
      "the preview should still serve its pages",
    );
    assert.ok((await previewFolders(tmp)).length === 1, "its folder should still be there");
  });

  it("answers GET and HEAD only: the preview is read, never written", async () => {
    assert.ok(preview);
    const port = preview.port;
    const ask = (method: string) =>
      new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
        const request = httpRequest(
          { host: "127.0.0.1", port, path: "/en/", method },
          (response) => {
            response.resume();
            response.on("end", () => {
              const allow = response.headers.allow;
              resolve({ status: response.statusCode ?? 0, allow });
            });
          },
        );
        request.on("error", reject);
        request.end(method === "POST" || method === "PUT" ? "x=1" : undefined);
      });
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"]) {
      const { status, allow } = await ask(method);
      assert.equal(status, 405, `${method} should be refused`);
      assert.equal(allow, "GET, HEAD", `${method}: the answer says what is allowed`);
    }
    assert.equal((await ask("HEAD")).status, 200);
    assert.equal((await ask("GET")).status, 200);
  });

  it("refuses requests for another host name (a rebound DNS name pointing at 127.0.0.1)", async () => {
    assert.ok(preview);
    const { status, body } = await rawRequest(preview.port, "/en/", {
      host: `attacker.example:${String(preview.port)}`,
    });
    assert.equal(status, 400, "a foreign Host should be refused");
    assert.doesNotMatch(body, /Published notice/);
  });

  it("lets only the preview's own pages reach the web editor's backend, which writes the content", async () => {
    assert.ok(preview);
    const [backend] = childProcesses(preview.child.pid ?? 0).filter((pid) =>
      processCommand(pid).includes("decap-server"),
    );
    assert.ok(backend, "the preview should run the editor's local backend");
    const environ = readFileSync(`/proc/${String(backend)}/environ`, "utf8").split("\0");
    const port = Number(environ.find((entry) => entry.startsWith("PORT="))?.slice(5));
    assert.ok(port > 0, "the backend's port");
    const planted = "en/notices/2020-05-05-planted.md";
    const write = {
      action: "persistEntry",
      params: {
        branch: "main",
        entry: { slug: "x", path: planted, raw: "---\ntitle: Planted\n---\nowned\n" },
        assets: [],
        options: { commitMessage: "x", useWorkflow: false, status: "draft" },
      },
    };
    const read = { action: "getEntry", params: { branch: "main", path: "_data/site.json" } };
    const own = `127.0.0.1:${String(port)}`;
    const asked = [
      // A page whose name was rebound to 127.0.0.1 sends its own name, and is its own origin.
      {
        host: `attacker.example:${String(port)}`,
        origin: `http://attacker.example:${String(port)}`,
      },
      // Any page may send a request to 127.0.0.1; only its Origin says whose it is.
      { host: own, origin: "http://attacker.example" },
      { host: own, origin: "null" },
      { host: `attacker.example:${String(port)}` },
    ];
    for (const headers of asked) {
      for (const body of [write, read]) {
        const answer = await backendRequest(port, headers, body);
        assert.equal(answer.status, 403, `${JSON.stringify(headers)} ${body.action}: refused`);
        assert.doesNotMatch(answer.body, /baseUrl|persisted/, "nothing read or written");
      }
    }
    assert.ok(
      !(await stat(join(await content, planted)).catch(() => undefined)),
      "no file should have been written into the content folder",
    );
    // The preview's own page (the editor at /admin/) is answered.
    const allowed = await backendRequest(port, { host: own, origin: preview.origin }, read);
    assert.equal(allowed.status, 200, allowed.body);
    assert.match(allowed.body, /baseUrl/, "the preview's editor reads the content");
  });

  it("refuses the live-reload WebSocket to other sites' pages", async () => {
    assert.ok(preview);
    const upgrade = (origin: string) =>
      rawRequest(preview?.port ?? 0, "/", {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        origin,
      });
    const foreign = await upgrade("http://attacker.example");
    assert.equal(foreign.status, 403, "a page of another site should not get the reload channel");
    const own = await upgrade(preview.origin);
    assert.equal(own.status, 101, "the preview's own pages should get the reload channel");
  });
});

describe("npm start --host", () => {
  it("opens the preview to the network only when asked, with a warning", async (t) => {
    const tmp = await tempDir();
    const preview = await startPreview(await content, tmp, ["--host", "0.0.0.0"]);
    try {
      assert.match(
        preview.output(),
        /^Warning: --host 0\.0\.0\.0 opens the preview to the network: drafts and scheduled notices become readable by anyone who can reach this address\.$/m,
      );
      const address = externalAddress();
      if (!address) {
        t.skip("this machine has no non-loopback IPv4 address to try");
        return;
      }
      const { status } = await rawRequest(
        preview.port,
        "/en/",
        {
          host: `${address}:${String(preview.port)}`,
        },
        address,
      );
      assert.equal(status, 200, `the preview should be reachable on ${address}`);
    } finally {
      await stop(preview, "SIGTERM");
    }
  });
});

describe("npm start: its temporary folders", () => {
  it("marks its folder while running and removes it on SIGTERM and on SIGINT", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const tmp = await tempDir();
      const preview = await startPreview(await content, tmp);
      const [name] = await previewFolders(tmp);
      assert.ok(name, "a preview folder while running");
      const marker = await readdir(join(tmp, name));
      assert.ok(marker.includes("sosik-preview.json"), `${name} should hold the marker`);
      assert.equal(await stop(preview, signal), 0, `${signal} should end the preview with 0`);
      assert.deepEqual(await previewFolders(tmp), [], `${signal} should remove ${name}`);
    }
  });

  it("removes what a preview killed with SIGKILL left, and only that, on the next start", async () => {
    const tmp = await tempDir();
    const killed = await startPreview(await content, tmp);
    const [left] = await previewFolders(tmp);
    // The web editor's local backend (decap-server), a child process of the preview.
    const backends = childProcesses(killed.child.pid ?? 0).filter((pid) =>
      processCommand(pid).includes("decap-server"),
    );
    assert.equal(backends.length, 1, "the preview should run the editor's local backend");
    assert.equal(await stop(killed, "SIGKILL"), "SIGKILL");
    assert.ok(left && (await previewFolders(tmp)).includes(left), "SIGKILL leaves the folder");
    const end = Date.now() + 10_000;
    while (backends.some(isAlive) && Date.now() < end) await sleep(100);
    assert.deepEqual(
      backends.filter(isAlive),
      [],
      "the editor's backend should exit with the preview killed",
    );
    // Look-alikes that are not leftovers: no marker, a marker naming a live process, a name
    // that is not a preview folder's.
    const keep = {
      unmarked: "sosik-preview-Unmark",
      alive: "sosik-preview-Alive1",
      otherName: "sosik-preview-notours-at-all",
    };
    for (const name of Object.values(keep)) await mkdir(join(tmp, name));
    await writeFile(
      join(tmp, keep.alive, "sosik-preview.json"),
      JSON.stringify({ pid: process.pid }),
    );
    await writeFile(
      join(tmp, keep.otherName, "sosik-preview.json"),
      JSON.stringify({ pid: 2 ** 30 }),
    );

    const next = await startPreview(await content, tmp);
    try {
      const folders = await previewFolders(tmp);
      assert.ok(!folders.includes(left), `the killed preview's ${left} should be removed`);
      for (const name of Object.values(keep)) {
        assert.ok(folders.includes(name), `${name} is not a leftover and should stay`);
      }
      assert.equal(folders.length, 4, "the three look-alikes and the running preview's folder");
    } finally {
      await stop(next, "SIGTERM");
    }
  });
});

describe("npm start with a wrong --host", () => {
  it("exits 2 naming the option", async () => {
    for (const host of ["everywhere", "999.1.1.1", "http://0.0.0.0", ""]) {
      const result = await runCli("start", ["--content", await content, "--host", host]);
      assert.equal(result.code, 2, `--host ${JSON.stringify(host)}: ${result.stderr}`);
      assert.match(result.stderr, /^error: --host: expected an IP address of this machine/m);
    }
    const result = await runCli("start", [
      "--content",
      await content,
      "--host",
      "192.0.2.1",
      "--port",
      String(await freePort()),
    ]);
    assert.equal(result.code, 2, `an address of no interface: ${result.stderr}`);
    assert.match(result.stderr, /^error: --host: 192\.0\.2\.1 is not an address of this machine$/m);
  });
});
