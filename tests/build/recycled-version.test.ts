/**
 * A warm publish takes over the version retired by the build before it as its staging folder,
 * keeping its folders (src/output/publish.ts, recycleVersion). That version's files are hard
 * links shared with the version published now, so the build must never write into them: these
 * tests prove the published version stays byte for byte what it was, the new one equals a cold
 * build, a link planted in the retired version leads nowhere, and a retired version holding a
 * file Sosik did not write is left alone.
 */
import assert from "node:assert/strict";
import {
  cp,
  lstat,
  mkdir,
  readFile,
  readdir,
  readlink,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { EXIT } from "../../src/errors.ts";
import { SAMPLE_CONTENT, listFiles, noticeFile, runCli, tempDir } from "../helpers/site.ts";
import { snapshotTree, treeDifferences } from "../helpers/tree.ts";

const EPOCH = String(Date.UTC(2026, 11, 1) / 1000);

function build(content: string, output: string) {
  return runCli("build", ["--content", content, "--output", output], {
    env: { SOURCE_DATE_EPOCH: EPOCH },
  });
}

async function buildOk(content: string, output: string, what: string) {
  const result = await build(content, output);
  assert.equal(result.code, EXIT.ok, `${what}: ${result.stderr}`);
  return result;
}

/** The store's folder of the version the output now points at. */
async function publishedVersion(output: string): Promise<string> {
  return join(dirname(output), await readlink(output));
}

/** Folders below `root` that hold no file at any depth. */
async function emptyFolders(root: string): Promise<string[]> {
  const empty: string[] = [];
  const walk = async (folder: string): Promise<boolean> => {
    let holds = false;
    for (const entry of await readdir(join(root, folder), { withFileTypes: true })) {
      const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (await walk(path)) holds = true;
      } else holds = true;
    }
    if (!holds && folder !== "") empty.push(folder);
    return holds;
  };
  await walk("");
  return empty;
}

const ADDED = "en/notices/2026-11-20-notice-with-a-file.md";

describe("a warm publish over a retired version", () => {
  let content: string;
  let output: string;
  let retired: string;
  let published: string;

  before(async () => {
    const dir = await tempDir("sosik-recycle-");
    content = join(dir, "content");
    output = join(dir, "_site");
    await cp(SAMPLE_CONTENT, content, { recursive: true });
    // A notice with an attachment, deleted later: its folder must not stay behind empty.
    await mkdir(join(content, "en/notices/attachments"), { recursive: true });
    await writeFile(join(content, "en/notices/attachments/plan.csv"), "a,b\n1,2\n");
    await writeFile(
      join(content, ADDED),
      noticeFile(
        { title: "A notice with a file", date: "2026-11-20", ministry: "MOIS" },
        "See the plan.",
      ).replace(
        "---\nSee",
        "attachments:\n  - file: attachments/plan.csv\n    title: The plan\n---\nSee",
      ),
    );
    await buildOk(content, output, "the first build");
    retired = await publishedVersion(output);
    await writeFile(
      join(content, "en/notices/2026-11-21-second.md"),
      noticeFile({ title: "Second", date: "2026-11-21", ministry: "MOIS" }),
    );
    await buildOk(content, output, "the second build");
    published = await publishedVersion(output);
    assert.notEqual(published, retired);
  });

  it("writes nothing into the published version and publishes what a cold build does", async () => {
    const before = await snapshotTree(published);
    const folder = await lstat(join(retired, "en/notices"));
    // Pages of the retired version replaced by links to a file outside the site: one of a
    // notice kept as it is, one of the notice edited below.
    const victim = join(await tempDir("sosik-victim-"), "victim.txt");
    await writeFile(victim, "not Sosik's");
    for (const slug of [
      "2017-11-08-e-government-training-for-foreign-officials",
      "2021-12-13-ogp-global-summit-seoul",
    ]) {
      const page = join(retired, `en/notices/${slug}/index.html`);
      await rm(page);
      await symlink(victim, page);
    }
    // An edit, a deletion (of the notice with a file) and an addition.
    const edited = join(content, "en/notices/2021-12-13-ogp-global-summit-seoul.md");
    await writeFile(edited, `${await readFile(edited, "utf8")}\nOne more paragraph.\n`);
    await rm(join(content, ADDED));
    await writeFile(
      join(content, "ko/notices/2026-11-22-third.md"),
      noticeFile({ title: "셋째 공지", date: "2026-11-22", ministry: "MOIS" }),
    );

    const cold = join(await tempDir("sosik-recycle-cold-"), "_site");
    await Promise.all([
      buildOk(content, output, "the warm build"),
      buildOk(content, cold, "the cold build"),
    ]);

    const now = await publishedVersion(output);
    assert.deepEqual(
      treeDifferences(before, await snapshotTree(published)),
      [],
      "the version published before must not change",
    );
    assert.deepEqual(
      treeDifferences(await snapshotTree(cold), await snapshotTree(now)),
      [],
      "the warm output should equal a cold build's",
    );
    assert.equal(
      await readFile(victim, "utf8"),
      "not Sosik's",
      "the file a planted link names must not change",
    );
    // The retired version became the new one: its folders are the same folders.
    assert.equal(
      (await lstat(join(now, "en/notices"))).ino,
      folder.ino,
      "the retired version should be taken over",
    );
    await assert.rejects(lstat(retired), "the retired version is gone from the store");
    assert.deepEqual(await emptyFolders(now), [], "no folder should be left empty");
    const listed = (await readFile(`${now}.files`, "utf8")).split("\n").filter(Boolean);
    assert.deepEqual(listed, await listFiles(now), "the version's file list should be its files");
  });

  it("leaves a retired version alone that holds a file Sosik did not write", async () => {
    const old = await publishedVersion(output);
    const edited = join(content, "en/notices/2021-12-13-ogp-global-summit-seoul.md");
    await writeFile(edited, `${await readFile(edited, "utf8")}\nAnd another.\n`);
    await buildOk(content, output, "a build that retires the version");
    // Someone puts a file into the retired version.
    await writeFile(join(old, "notes.txt"), "mine");
    await writeFile(edited, `${await readFile(edited, "utf8")}\nAnd a third.\n`);
    const result = await buildOk(content, output, "the next build");
    assert.match(result.stderr, /kept .*notes\.txt/, "the build should say what it kept");
    assert.equal(await readFile(join(old, "notes.txt"), "utf8"), "mine");
    assert.ok((await listFiles(old)).length > 10, "the retired version should stay whole");
  });
});
