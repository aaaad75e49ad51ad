import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { EXIT } from "../../src/errors.ts";
import { ROOT, SAMPLE_CONTENT, tempDir } from "../helpers/site.ts";
import { snapshotTree, treeDifferences } from "../helpers/tree.ts";

/** A process of this machine, from /proc: its parent and its command line. */
interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly args: string;
}

function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name (in parentheses) may hold spaces; the parent follows the state after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
      found.push({ pid: Number(entry), ppid, args });
    } catch {
      // Gone while read.
    }
  }
  return found;
}

const isRenderer = (info: ProcessInfo) => info.args.includes("renderer-child.ts");
const alive = (pid: number) => processes().some((info) => info.pid === pid);

/** Starts `npm run build` of the sample into a new output; resolves to its exit. */
function startBuild(output: string) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "src/cli/build.ts"),
      "--content",
      SAMPLE_CONTENT,
      "--output",
      output,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>(
    (resolve) => {
      child.once("exit", (code, signal) => {
        resolve({ code, signal, stderr });
      });
    },
  );
  return { child, exited };
}

/** Polls every few milliseconds until `find` gives a value or the build has exited. */
async function whileRunning<T>(exited: Promise<unknown>, find: () => T | undefined) {
  const state = { done: false };
  void exited.then(() => (state.done = true));
  while (!state.done) {
    const value = find();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return undefined;
}

describe("the renderer runs in a process of its own", () => {
  it("has exited before Pagefind indexes, so the two never hold memory at once", async () => {
    const { child, exited } = startBuild(join(await tempDir("sosik-renderer-"), "_site"));
    const seen = { renderer: false, indexing: 0, rendererWhileIndexing: 0 };
    await whileRunning(exited, () => {
      const all = processes();
      const children = all.filter((info) => info.ppid === child.pid);
      if (children.some(isRenderer)) seen.renderer = true;
      if (children.some((info) => info.args.includes("pagefind"))) {
        seen.indexing += 1;
        if (children.some(isRenderer)) seen.rendererWhileIndexing += 1;
      }
      return undefined;
    });
    const result = await exited;
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.ok(seen.renderer, "the build should have started a renderer process");
    assert.ok(seen.indexing > 0, "Pagefind should have been seen indexing");
    assert.equal(seen.rendererWhileIndexing, 0, "no renderer should run while Pagefind indexes");
  });

  it("stops rendering at once when the build process is killed", async () => {
    const parent = await tempDir("sosik-renderer-kill-");
    const output = join(parent, "_site");
    const { child, exited } = startBuild(output);
    const renderer = await whileRunning(exited, () =>
      processes().find((info) => info.ppid === child.pid && isRenderer(info)),
    );
    assert.ok(renderer, "the renderer should have been seen");
    child.kill("SIGKILL");
    await exited;
    const deadline = Date.now() + 5000;
    while (alive(renderer.pid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok(!alive(renderer.pid), "the renderer should exit when its build process dies");
  });

  it("a killed renderer fails the build with exit 3, saying so, and the site stays", async () => {
    const output = join(await tempDir("sosik-renderer-crash-"), "_site");
    const first = startBuild(output);
    assert.equal((await first.exited).code, EXIT.ok, "the first build should publish");
    const published = await snapshotTree(output);

    const { child, exited } = startBuild(output);
    const renderer = await whileRunning(exited, () =>
      processes().find((info) => info.ppid === child.pid && isRenderer(info)),
    );
    assert.ok(renderer, "the renderer should have been seen");
    process.kill(renderer.pid, "SIGKILL");
    const result = await exited;
    assert.equal(result.code, EXIT.failed, result.stderr);
    assert.match(
      result.stderr,
      /^error: rendering stopped before it finished: it was killed \(SIGKILL; the machine may have run out of memory\)$/m,
    );
    assert.deepEqual(
      treeDifferences(published, await snapshotTree(output)),
      [],
      "the published site should be as it was",
    );
  });
});
