import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SAMPLE_CONTENT, makeContent, noticeFile, runCli, tempDir } from "../helpers/site.ts";
import { buildLeftovers, snapshotTree, treeDifferences } from "../helpers/tree.ts";

describe("a build whose search indexing fails", () => {
  it("exits non-zero with the reason and leaves the published site as it was", async () => {
    // Yesterday's site, published by Sosik (a build refuses to replace a folder it did not
    // write), of other notices: today's build must index, so its failure cannot be skipped.
    const output = join(await tempDir(), "_site");
    const yesterdays = await makeContent({
      "en/notices/2020-01-03-yesterday.md": noticeFile({
        title: "Yesterday",
        date: "2020-01-03",
        ministry: "MOIS",
      }),
    });
    const first = await runCli("build", ["--content", yesterdays, "--output", output]);
    assert.equal(first.code, 0, first.stderr);
    const yesterday = await snapshotTree(output);
    // Pagefind's binary can be named by PAGEFIND_BINARY_PATH; /bin/false fails like a crash would.
    const result = await runCli("build", ["--content", SAMPLE_CONTENT, "--output", output], {
      env: { PAGEFIND_BINARY_PATH: "/bin/false" },
    });
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /^error: search index: Pagefind failed on shard (ko|en)-\d{4}$/m);
    assert.match(result.stderr, /nothing was published/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace should be printed");
    assert.deepEqual(treeDifferences(yesterday, await snapshotTree(output)), []);
    assert.deepEqual(await buildLeftovers(output), [], "no temporary folder should be left behind");
  });

  it("refuses to publish a site whose index would be empty", async () => {
    const content = await makeContent({});
    const result = await runCli("build", [
      "--content",
      content,
      "--output",
      join(await tempDir(), "_site"),
    ]);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /search index: no notice pages to index/);
  });
});
