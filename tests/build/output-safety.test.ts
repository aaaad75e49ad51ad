import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readdirSync, watch } from "node:fs";
import {
  cp,
  lstat,
  mkdir,
  readFile,
  readdir,
  readlink,
  rename,
  symlink,
  writeFile,
} from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { EXIT } from "../../src/errors.ts";
import { storeOf } from "../../src/output/guard.ts";
import { copyProject, runProjectCli } from "../helpers/project-copy.ts";
import { ROOT, SAMPLE_CONTENT, noticeFile, runCli, tempDir } from "../helpers/site.ts";
import { snapshotTree, treeDifferences } from "../helpers/tree.ts";

/** A stack trace in what a command printed: never shown for a refused or failed build. */
const STACK = /\n\s+at /;

/** Builds `content` into `output`; returns the command's result. */
function buildInto(content: string, output: string, project?: string) {
  return runCli("build", ["--content", content, "--output", output], {
    ...(project ? { project } : {}),
  });
}

/** A copy of the sample content in a new folder, at `parent/name`. */
async function sampleContentAt(parent: string, name = "content"): Promise<string> {
  const dir = join(parent, name);
  await cp(SAMPLE_CONTENT, dir, { recursive: true });
  return dir;
}

/** The sample content with one more notice: a build of it changes the published site. */
async function changedContent(): Promise<string> {
  const dir = await sampleContentAt(await tempDir("sosik-changed-"));
  await writeFile(
    join(dir, "en/notices/2020-01-03-new-notice.md"),
    noticeFile({ title: "A new notice", date: "2020-01-03", ministry: "MOIS" }),
  );
  return dir;
}

/** What a store holds beside its marker: the published version, its file list and its cache. */
async function storeEntries(output: string): Promise<string[]> {
  const store = join(output, "..", `.${output.split("/").pop() ?? ""}.sosik`);
  return (await readdir(store)).filter((entry) => entry !== "SOSIK-OUTPUT.txt").sort();
}

/** Asserts a build refused its output: exit 2, one line naming the output, no stack. */
function assertRefused(result: { code: number | null; stderr: string }, what: string) {
  assert.equal(result.code, EXIT.usage, `${what} should be refused with exit 2: ${result.stderr}`);
  assert.match(result.stderr, /^error: --output .+nothing was written\n$/, `${what}: one line`);
  assert.doesNotMatch(result.stderr, STACK, `${what} should not print a stack trace`);
}

describe("the build refuses an output folder it could damage", () => {
  it("refuses an output that holds the content folder, and removes nothing (site/content into site)", async () => {
    const site = join(await tempDir("sosik-guard-"), "site");
    const content = await sampleContentAt(site);
    const before = await snapshotTree(site);
    assertRefused(await buildInto(content, site), "an output holding the content");
    assert.deepEqual(treeDifferences(before, await snapshotTree(site)), []);
  });

  it("refuses the content folder itself and a folder inside it", async () => {
    const content = await sampleContentAt(await tempDir("sosik-guard-"));
    const before = await snapshotTree(content);
    assertRefused(await buildInto(content, content), "the content folder");
    assertRefused(await buildInto(content, join(content, "out")), "a folder inside the content");
    assert.deepEqual(treeDifferences(before, await snapshotTree(content)), []);
  });

  it("refuses the content folder reached through a symbolic link", async () => {
    const parent = await tempDir("sosik-guard-");
    const content = await sampleContentAt(parent);
    await symlink(content, join(parent, "alias"), "dir");
    assertRefused(await buildInto(content, join(parent, "alias", "out")), "a link into content");
    assertRefused(await buildInto(content, join(parent, "alias")), "a link to content");
  });

  it("refuses `--output .` in the project, and its sources stay (src, layouts)", async () => {
    const project = await copyProject();
    const content = await sampleContentAt(project);
    const sources = await snapshotTree(join(project, "src"));
    const result = await runProjectCli(project, "build", ["--content", content, "--output", "."]);
    assertRefused(result, "the project folder");
    assert.deepEqual(treeDifferences(sources, await snapshotTree(join(project, "src"))), []);
    assertRefused(
      await buildInto(content, join(project, "src", "out"), project),
      "a folder inside the project's sources",
    );
    assertRefused(await buildInto(content, join(project, "src"), project), "the project's src");
  });

  it("refuses the project folder and its parent, by their real paths", async () => {
    // A copy, so that a guard that failed would cost a temporary folder, not this checkout.
    const project = await copyProject();
    const content = await sampleContentAt(join(project, ".."), "site-content");
    assertRefused(await buildInto(content, project, project), "the project folder");
    assertRefused(await buildInto(content, join(project, ".."), project), "the project's parent");
    assert.ok(
      existsSync(join(project, "src/build-site.ts")),
      "the project's sources should be intact",
    );
  });

  it("refuses a folder with a .git, a folder of other files, a file, and a link Sosik did not make", async () => {
    const parent = await tempDir("sosik-guard-");
    const repo = join(parent, "repo");
    await mkdir(join(repo, ".git"), { recursive: true });
    await writeFile(join(repo, ".git", "HEAD"), "ref: refs/heads/main\n");
    assertRefused(await buildInto(SAMPLE_CONTENT, repo), "a folder with .git");

    const others = join(parent, "documents");
    await mkdir(others);
    await writeFile(join(others, "report.hwp"), "someone's work");
    assertRefused(await buildInto(SAMPLE_CONTENT, others), "a folder of other files");
    assert.equal(await readFile(join(others, "report.hwp"), "utf8"), "someone's work");

    await writeFile(join(parent, "file"), "a file");
    assertRefused(await buildInto(SAMPLE_CONTENT, join(parent, "file")), "a file");

    await symlink(others, join(parent, "link"), "dir");
    assertRefused(await buildInto(SAMPLE_CONTENT, join(parent, "link")), "a foreign link");
    assert.equal(await readFile(join(others, "report.hwp"), "utf8"), "someone's work");

    await mkdir(join(parent, ".site.sosik"));
    await writeFile(join(parent, ".site.sosik", "notes.txt"), "not Sosik's");
    assertRefused(await buildInto(SAMPLE_CONTENT, join(parent, "site")), "a foreign store");
    assert.equal(await readFile(join(parent, ".site.sosik", "notes.txt"), "utf8"), "not Sosik's");
  });

  it("refuses a published version in the store, and the store itself", async () => {
    const output = join(await tempDir("sosik-guard-"), "_site");
    assert.equal((await buildInto(SAMPLE_CONTENT, output)).code, EXIT.ok);
    const version = join(output, "..", await readlink(output));
    assertRefused(await buildInto(SAMPLE_CONTENT, version), "a version in the store");
    assertRefused(await buildInto(SAMPLE_CONTENT, join(version, "..")), "the store");
    assert.ok(existsSync(join(output, "en/index.html")), "the published site should stay");
  });

  it("accepts an empty folder and an output of an earlier Sosik (a real folder with pagefind/shards.json)", async () => {
    const parent = await tempDir("sosik-guard-");
    const empty = join(parent, "empty");
    await mkdir(empty);
    const first = await buildInto(SAMPLE_CONTENT, empty);
    assert.equal(first.code, EXIT.ok, first.stderr);
    assert.ok((await lstat(empty)).isSymbolicLink(), "the output should become a link");

    // What a CI cache restore of `_site/pagefind` gives on a fresh runner.
    const restored = join(parent, "restored");
    await cp(join(empty, "pagefind"), join(restored, "pagefind"), { recursive: true });
    const second = await buildInto(SAMPLE_CONTENT, restored);
    assert.equal(second.code, EXIT.ok, second.stderr);
    assert.match(second.stdout, /2 search shards, 2 kept/, "restored shards should be kept");
    assert.ok(existsSync(join(restored, "en/index.html")), "the site should be complete");
    assert.equal(
      (await storeEntries(restored)).length,
      3,
      "only the new version, its list, its cache",
    );
  });
});

describe("publishing survives a kill at any moment", () => {
  let parent = "";
  let output = "";
  let published = new Map<string, string>();
  let changed = "";
  let changedSite = new Map<string, string>();

  before(async () => {
    parent = await tempDir("sosik-crash-");
    output = join(parent, "_site");
    const first = await buildInto(SAMPLE_CONTENT, output);
    assert.equal(first.code, EXIT.ok, first.stderr);
    published = await snapshotTree(output);
    changed = await changedContent();
    const other = join(await tempDir("sosik-crash-ref-"), "_site");
    const reference = await buildInto(changed, other);
    assert.equal(reference.code, EXIT.ok, reference.stderr);
    changedSite = await snapshotTree(other);
  });

  /** The output is one of the two complete sites, byte for byte. */
  async function assertComplete(what: string): Promise<void> {
    const now = await snapshotTree(output);
    const isOld = treeDifferences(published, now).length === 0;
    const isNew = treeDifferences(changedSite, now).length === 0;
    assert.ok(isOld || isNew, `${what}: the output should be the old or the new site, whole`);
    if (isNew) published = now;
  }

  /**
   * Starts a build of the changed content and kills it with SIGKILL as soon as `moment` sees
   * the output's folder (and the store in it) reach the state it waits for; resolves once the
   * process is gone.
   */
  async function killWhen(moment: (store: string) => boolean): Promise<boolean> {
    const child: ChildProcess = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src/cli/build.ts"), "--content", changed, "--output", output],
      { cwd: ROOT, stdio: "ignore" },
    );
    const exited = new Promise<void>((resolve) => {
      child.once("exit", () => {
        resolve();
      });
    });
    let killed = false;
    const check = () => {
      if (!killed && moment(parent)) {
        killed = child.kill("SIGKILL");
      }
    };
    // Watches the two folders where the swap's short-lived entries appear, one level each: a
    // recursive watch (done in JavaScript on Linux) throws from its own listener when a folder
    // it is reading vanishes, which a build's cleanup does. The poll covers deeper entries.
    const watchers = [parent, storeOf(output)].map((folder) => {
      const watcher = watch(folder, check);
      watcher.on("error", () => undefined);
      return watcher;
    });
    const timer = setInterval(check, 1);
    try {
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
      for (const watcher of watchers) watcher.close();
      clearInterval(timer);
    }
    return killed;
  }

  /**
   * Whether an entry of the output's folder or of its store (one level each, as `store/name`)
   * passes `test`. A recursive listing would also read every published version, which takes
   * long enough on a busy machine to miss a step that lasts a few hundred milliseconds.
   */
  const inFolder = (folder: string, test: (entry: string) => boolean) => {
    try {
      const store = storeOf(output);
      const storeName = store.slice(folder.length + 1);
      const entries = [
        ...readdirSync(folder),
        ...readdirSync(store).map((entry) => `${storeName}/${entry}`),
      ];
      return entries.some(test);
    } catch {
      return false;
    }
  };

  /** Whether a build folder in the store holds `child` (its pages, or its search index). */
  const building = (child: string) => {
    try {
      const store = storeOf(output);
      return readdirSync(store).some(
        (entry) => entry.startsWith("building-") && existsSync(join(store, entry, child)),
      );
    } catch {
      return false;
    }
  };

  it("keeps a complete site when killed while rendering", async () => {
    const killed = await killWhen(() => building("en"));
    assert.ok(killed, "the build should have been killed while rendering");
    await assertComplete("killed while rendering");
  });

  it("keeps a complete site when killed while indexing", async () => {
    const killed = await killWhen(() => building("pagefind"));
    assert.ok(killed, "the build should have been killed while indexing");
    await assertComplete("killed while indexing");
  });

  it("keeps a complete site when killed at the swap", async () => {
    // The published version's own list is there already: wait for a new one (or a link).
    const existing = new Set<string>();
    inFolder(parent, (entry) => {
      existing.add(entry);
      return false;
    });
    const swapping = /(site-[^/]+\.files(\.tmp)?|link-[^/]+|\.old)$/;
    const killed = await killWhen((folder) =>
      inFolder(folder, (entry) => !existing.has(entry) && swapping.test(entry)),
    );
    assert.ok(killed, "the build should have been killed at its swap");
    await assertComplete("killed at the swap");
  });

  it("keeps a complete site when killed at any of many moments", async () => {
    for (const delay of [200, 600, 900, 1200, 1500, 1800, 2100, 2600]) {
      const started = Date.now();
      await killWhen(() => Date.now() - started >= delay);
      await assertComplete(`killed after ${String(delay)} ms`);
    }
  });

  it("the next build removes what killed builds left", async () => {
    const replaced = (await readlink(output)).split("/").pop() ?? "";
    const result = await buildInto(changed, output);
    assert.equal(result.code, EXIT.ok, result.stderr);
    const entries = await storeEntries(output);
    const version = (await readlink(output)).split("/").pop() ?? "";
    const retired = replaced.replace(/^site-/, "retired-");
    assert.deepEqual(
      entries,
      [retired, replaced, `${replaced}.cache`, `${replaced}.files`]
        .concat([version, `${version}.cache`, `${version}.files`])
        .sort(),
      "the published version and the one it replaced, marked retired, are left (with their lists and caches)",
    );
    await assertComplete("after the next build");
  });

  it("removes the version the last build retired, whatever process has its number now", async () => {
    // On a runner restored from the CI cache, another process may run under the number in a
    // retired version's name: here, this test's own process.
    const store = storeOf(output);
    const published = (await readlink(output)).split("/").pop() ?? "";
    const retired = (await readdir(store)).find((entry) => entry.startsWith("retired-"));
    assert.ok(retired, "the last build should have retired the version it replaced");
    const old = retired.replace(/^retired-/, "site-");
    const taken = `${String(process.pid)}-0123abcd`;
    for (const suffix of ["", ".files", ".cache"]) {
      await rename(join(store, `${old}${suffix}`), join(store, `site-${taken}${suffix}`));
    }
    await rename(join(store, retired), join(store, `retired-${taken}`));
    const result = await buildInto(changed, output);
    assert.equal(result.code, EXIT.ok, result.stderr);
    const version = (await readlink(output)).split("/").pop() ?? "";
    assert.deepEqual(
      await storeEntries(output),
      [`retired-${published.slice("site-".length)}`, published, `${published}.cache`]
        .concat([`${published}.files`, version, `${version}.cache`, `${version}.files`])
        .sort(),
      "the retired version should be gone, and the one this build replaced retired",
    );
    await assertComplete("after removing a retired version");
  });

  it("a reader never finds the site missing while builds replace it", async () => {
    let reads = 0;
    const failures: string[] = [];
    const state = { running: true };
    const reader = (async () => {
      while (state.running) {
        for (const page of ["en/index.html", "ko/notices/index.html", "pagefind/shards.json"]) {
          await readFile(join(output, page)).then(
            () => (reads += 1),
            (error: unknown) => failures.push(String(error)),
          );
        }
      }
    })();
    for (const content of [SAMPLE_CONTENT, changed, SAMPLE_CONTENT]) {
      const result = await buildInto(content, output);
      assert.equal(result.code, EXIT.ok, result.stderr);
    }
    state.running = false;
    await reader;
    assert.ok(reads > 100, `the reader should have read many times (${String(reads)})`);
    assert.deepEqual(failures.slice(0, 3), [], "no read should fail while builds swap");
  });

  it("puts the site back when a first versioned build was killed after moving the old folder", async () => {
    // The one step that leaves the output missing: an older real output folder was moved into
    // the store, and the build died before the link replaced it.
    const dir = await tempDir("sosik-legacy-");
    const site = join(dir, "_site");
    await cp(output, site, { recursive: true, dereference: true });
    const legacy = await snapshotTree(site);
    const store = join(dir, "._site.sosik");
    await mkdir(store);
    await writeFile(join(store, "SOSIK-OUTPUT.txt"), "marker\n");
    const { renameSync } = await import("node:fs");
    renameSync(site, join(store, `legacy-${String(deadPid())}-1a2b`));
    const result = await buildInto(SAMPLE_CONTENT, site);
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.ok(existsSync(join(site, "en/index.html")), "the site should be published");
    assert.ok(legacy.size > 0);
    assert.deepEqual((await storeEntries(site)).length, 3, "the moved folder should be gone");
  });
});

describe("only files Sosik wrote are removed", () => {
  it("keeps an earlier version that holds a file someone added, and says so", async () => {
    const output = join(await tempDir("sosik-foreign-"), "_site");
    const first = await buildInto(SAMPLE_CONTENT, output);
    assert.equal(first.code, EXIT.ok, first.stderr);
    // A site-verification file copied into the published folder by hand.
    await writeFile(join(output, "google1234.html"), "verification");
    const version = await readlink(output);
    const second = await buildInto(await changedContent(), output);
    assert.equal(second.code, EXIT.ok, second.stderr);
    assert.match(second.stderr, /kept .*google1234\.html/, "the build should say what it kept");
    const kept = join(output, "..", version, "google1234.html");
    assert.equal(await readFile(kept, "utf8"), "verification", "the added file should stay");
  });
});

describe("environment failures are their own exit code", () => {
  /** Mounts a small tmpfs (root only); undefined where mounting is not allowed. */
  function mountTmpfs(dir: string, options: string): boolean {
    return spawnSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir]).status === 0;
  }
  const mounted: string[] = [];
  after(() => {
    for (const dir of mounted) spawnSync("umount", ["-l", dir]);
  });

  it("a read-only output folder exits 4 with one line naming the path, site intact", async (t) => {
    const dir = await tempDir("sosik-readonly-");
    const output = join(dir, "_site");
    const first = await buildInto(SAMPLE_CONTENT, output);
    assert.equal(first.code, EXIT.ok, first.stderr);
    const before = await snapshotTree(output);
    // A real read-only file system where possible (root ignores permission bits).
    const isRoot = process.getuid?.() === 0;
    if (isRoot) {
      if (spawnSync("mount", ["--bind", dir, dir]).status !== 0) {
        t.skip("cannot bind-mount here");
        return;
      }
      mounted.push(dir);
      spawnSync("mount", ["-o", "remount,bind,ro", dir]);
    } else {
      spawnSync("chmod", ["a-w", dir]);
    }
    const result = await buildInto(await changedContent(), output);
    assert.equal(result.code, EXIT.environment, result.stderr);
    assert.match(result.stderr, /read-only|permission denied/, "the cause should be named");
    assert.match(result.stderr, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    assert.doesNotMatch(result.stderr, STACK);
    assert.deepEqual(treeDifferences(before, await snapshotTree(output)), []);
  });

  it("a full disk exits 4 saying so, and the published site stays", async (t) => {
    const dir = await tempDir("sosik-full-");
    const first = join(await tempDir("sosik-full-ref-"), "_site");
    assert.equal((await buildInto(SAMPLE_CONTENT, first)).code, EXIT.ok);
    if (!mountTmpfs(dir, "size=16m")) {
      t.skip("mounting a small file system needs root");
      return;
    }
    mounted.push(dir);
    const output = join(dir, "_site");
    const built = await buildInto(SAMPLE_CONTENT, output);
    assert.equal(built.code, EXIT.ok, built.stderr);
    const before = await snapshotTree(output);
    // Fill the disk with a file of our own, then build a changed site.
    spawnSync("dd", ["if=/dev/zero", `of=${join(dir, "filler")}`, "bs=64k", "count=1000"]);
    const result = await buildInto(await changedContent(), output);
    assert.equal(result.code, EXIT.environment, result.stderr);
    assert.match(result.stderr, /no space left/);
    assert.doesNotMatch(result.stderr, STACK);
    assert.deepEqual(treeDifferences(before, await snapshotTree(output)), []);
  });

  it("a disk that fills up while the search index is written exits 4 naming the index, not a crash", async (t) => {
    // Room for the pages, the render cache and half of the index, measured on a reference build.
    const reference = join(await tempDir("sosik-full-ref-"), "_site");
    assert.equal((await buildInto(SAMPLE_CONTENT, reference)).code, EXIT.ok);
    const kib = (path: string) =>
      Number(spawnSync("du", ["-sk", path]).stdout.toString().split("\t")[0]);
    const store = storeOf(reference);
    const index = kib(join(reference, "pagefind/"));
    const room = kib(store) - index + Math.round(index / 2);
    const dir = await tempDir("sosik-full-index-");
    if (!mountTmpfs(dir, `size=${String(room)}k`)) {
      t.skip("mounting a small file system needs root");
      return;
    }
    mounted.push(dir);
    const result = await buildInto(SAMPLE_CONTENT, join(dir, "_site"));
    assert.equal(result.code, EXIT.environment, result.stderr);
    assert.match(
      result.stderr,
      /^error: cannot write the search index: .*\/pagefind\/[a-z]{2}-\d{4}\.new: no space left on the device \(ENOSPC\)$/m,
    );
    assert.doesNotMatch(result.stderr, /panicked|backtrace/, "Pagefind's own report stays out");
    assert.doesNotMatch(result.stderr, STACK);
  });
});

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.pid"]);
  return child.pid;
}
