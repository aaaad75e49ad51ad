import assert from "node:assert/strict";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { SAMPLE_CONTENT, makeContent, runCli, tempDir } from "../helpers/site.ts";

describe("a build whose search indexing fails", () => {
  it("exits non-zero with the reason and leaves the published site as it was", async () => {
    const output = join(await tempDir(), "_site");
    await mkdir(output, { recursive: true });
    await writeFile(join(output, "index.html"), "yesterday's site");
    // Pagefind's binary can be named by PAGEFIND_BINARY_PATH; /bin/false fails like a crash would.
    const result = await runCli("build", ["--content", SAMPLE_CONTENT, "--output", output], {
      env: { PAGEFIND_BINARY_PATH: "/bin/false" },
    });
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stderr, /^error: search index: Pagefind failed on shard (ko|en)-\d{4}$/m);
    assert.match(result.stderr, /nothing was published/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace should be printed");
    assert.deepEqual(await readdir(output), ["index.html"]);
    assert.equal(await readFile(join(output, "index.html"), "utf8"), "yesterday's site");
    assert.deepEqual(
      await readdir(dirname(output)),
      ["_site"],
      "no temporary folder should be left behind",
    );
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
