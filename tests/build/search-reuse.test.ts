import assert from "node:assert/strict";
import { cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { EXIT } from "../../src/cli/run.ts";
import { makeContent, noticePair, runCli, tempDir } from "../helpers/site.ts";
import type { CommandResult } from "../helpers/site.ts";
import { snapshotTree, treeDifferences } from "../helpers/tree.ts";

// Two pages a shard: each year of each language is a shard of its own, six in all.
const SHARD_PAGES = "2";
const SHARDS = 6;
const DAMAGED = "en-2021";

/** Notices of 2021 to 2023 in both languages, so each language has three shards. */
function corpus(): Record<string, string> {
  return {
    ...noticePair("2021-03-02-harbour-works", "Harbour works begin"),
    ...noticePair("2021-09-14-ferry-timetable", "Ferry timetable for the autumn"),
    ...noticePair("2022-02-08-bridge-inspection", "Bridge inspection results"),
    ...noticePair("2022-11-21-road-closures", "Road closures in the old town"),
    ...noticePair("2023-05-30-library-hours", "New library opening hours"),
  };
}

let content = "";
/** A build of `content` into an empty folder: what every repaired build must equal. */
let fresh = "";
let freshSite = new Map<string, string>();
let freshIndex = new Map<string, string>();

function build(output: string): Promise<CommandResult> {
  return runCli("build", ["--content", content, "--output", output, "--shard-pages", SHARD_PAGES]);
}

/**
 * A site built into a new folder, to damage and rebuild. Built, not copied: whatever the output
 * path is (a folder, or a link to the version published), the damage is done through it, as an
 * operator or a cache restore would.
 */
async function published(): Promise<string> {
  const output = join(await tempDir("sosik-reuse-"), "_site");
  const result = await build(output);
  assert.equal(result.code, EXIT.ok, result.stderr);
  return output;
}

/** Rebuilds `output`; asserts the build succeeded without a stack trace and returns its summary. */
async function rebuild(output: string): Promise<string> {
  const result = await build(output);
  assert.equal(result.code, EXIT.ok, `the rebuild should succeed:\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "the rebuild should print no stack trace");
  return result.stdout;
}

/** Asserts `output`'s search index (and, when asked, the whole site) equals a fresh build's. */
async function assertLikeFresh(output: string, what: string, wholeSite = false): Promise<void> {
  assert.deepEqual(
    treeDifferences(freshIndex, await snapshotTree(join(output, "pagefind"))),
    [],
    `${what}: the search index should be byte-identical to a fresh build's`,
  );
  if (wholeSite) {
    assert.deepEqual(
      treeDifferences(freshSite, await snapshotTree(output)),
      [],
      `${what}: the site should be byte-identical to a fresh build`,
    );
  }
}

/** The first file of a shard's folder (`index`, `fragment`, ...) in the given output. */
async function firstFile(output: string, shard: string, folder: string): Promise<string> {
  const [name] = (await readdir(join(output, "pagefind", shard, folder))).sort();
  assert.ok(name, `shard ${shard} should hold files in ${folder}/`);
  return join(output, "pagefind", shard, folder, name);
}

describe("reused search shards are verified file by file", () => {
  before(async () => {
    content = await makeContent(corpus());
    fresh = join(await tempDir("sosik-reuse-fresh-"), "_site");
    const result = await build(fresh);
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.match(result.stdout, new RegExp(`${String(SHARDS)} search shards, 0 kept`));
    freshSite = await snapshotTree(fresh);
    freshIndex = await snapshotTree(join(fresh, "pagefind"));
  });

  it("an unchanged rebuild keeps every shard, records a digest of each of its files and writes the same bytes", async () => {
    const output = await published();
    const summary = await rebuild(output);
    assert.match(summary, new RegExp(`${String(SHARDS)} search shards, ${String(SHARDS)} kept\\)`));
    await assertLikeFresh(output, "an unchanged rebuild", true);
    const records = new Map<string, { files: Record<string, string> }>();
    for (const [path, digest] of freshIndex) {
      const [shard = "", ...rest] = path.split("/");
      const file = rest.join("/");
      if (file === "" || file === "files.json") continue;
      if (!records.has(shard)) {
        const record = await readFile(join(output, "pagefind", shard, "files.json"), "utf8");
        records.set(shard, JSON.parse(record) as { files: Record<string, string> });
      }
      assert.equal(
        records.get(shard)?.files[file],
        digest,
        `${shard}/files.json should record the SHA-256 of ${file}`,
      );
    }
    assert.equal(records.size, SHARDS, "every shard should have its record of files");
  });

  it("re-indexes a shard whose fragment files were deleted, and says so", async () => {
    const output = await published();
    const fragments = join(output, "pagefind", DAMAGED, "fragment");
    for (const file of await readdir(fragments)) await rm(join(fragments, file));
    const summary = await rebuild(output);
    assert.match(
      summary,
      new RegExp(
        `${String(SHARDS)} search shards, ${String(SHARDS - 1)} kept, 1 rebuilt because its files were damaged`,
      ),
      "the damaged shard should be indexed again, the others kept",
    );
    await assertLikeFresh(output, "a shard without its fragments", true);
  });

  it("re-indexes a shard when one byte of an index file changed", async () => {
    const output = await published();
    const file = await firstFile(output, DAMAGED, "index");
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const summary = await rebuild(output);
    assert.match(
      summary,
      /1 rebuilt because its files were damaged/,
      "the changed shard should be rebuilt",
    );
    await assertLikeFresh(output, "a changed index file");
  });

  it("does not keep a shard that holds a file the build did not write", async () => {
    const output = await published();
    const stray = join(output, "pagefind", DAMAGED, "fragment", "en_0000000.pf_fragment");
    await writeFile(stray, "not from Pagefind");
    const summary = await rebuild(output);
    assert.match(
      summary,
      new RegExp(`${String(SHARDS - 1)} kept, 1 rebuilt`),
      "the shard with a stray file should be rebuilt",
    );
    await assertLikeFresh(output, "a stray file in a shard");
  });

  for (const [damage, text] of [
    ["truncated", (json: string) => json.slice(0, json.length / 2)],
    ["not JSON", () => "<html>502 Bad Gateway</html>"],
    ["of the wrong shape", () => JSON.stringify({ indexer: 1, languages: { en: [null, 5] } })],
  ] as const) {
    it(`re-indexes every shard, without a stack trace, when shards.json is ${damage}`, async () => {
      const output = await published();
      const manifest = join(output, "pagefind/shards.json");
      await writeFile(manifest, text(await readFile(manifest, "utf8")));
      const summary = await rebuild(output);
      assert.match(
        summary,
        new RegExp(
          `${String(SHARDS)} search shards, 0 kept, ${String(SHARDS)} rebuilt because their files were damaged`,
        ),
        "no shard can be trusted without its manifest",
      );
      await assertLikeFresh(output, `a shards.json ${damage}`, true);
    });
  }

  it("re-indexes a shard whose record of files is missing or damaged", async () => {
    const output = await published();
    await rm(join(output, "pagefind", DAMAGED, "files.json"));
    const record = join(output, "pagefind/ko-2022/files.json");
    const { fingerprint } = JSON.parse(await readFile(record, "utf8")) as { fingerprint: string };
    await writeFile(record, JSON.stringify({ fingerprint, files: ["index/ko_0.pf_index"] }));
    const summary = await rebuild(output);
    assert.match(
      summary,
      new RegExp(`${String(SHARDS - 2)} kept, 2 rebuilt because their files were damaged`),
      "a shard without a readable record of its files should not be kept",
    );
    await assertLikeFresh(output, "missing and damaged records of files");
  });

  it("repairs a damaged shard in a previous output that holds only pagefind/ (a CI cache restore)", async () => {
    const output = join(await tempDir("sosik-reuse-cache-"), "_site");
    await mkdir(output);
    await cp(join(fresh, "pagefind"), join(output, "pagefind"), { recursive: true });
    await rm(await firstFile(output, DAMAGED, "fragment"));
    const summary = await rebuild(output);
    assert.match(
      summary,
      new RegExp(`${String(SHARDS - 1)} kept, 1 rebuilt because its files were damaged`),
      "the shards restored intact should be kept, the damaged one rebuilt",
    );
    await assertLikeFresh(output, "a restored cache with a damaged shard", true);
  });
});
