import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT, SAMPLE_CONTENT, listFiles, runCli, tempDir } from "../helpers/site.ts";
import { buildLeftovers } from "../helpers/tree.ts";

const BROKEN = join(ROOT, "tests/fixtures/broken");

/** A digest of every file's path and bytes, to prove a folder was not touched. */
async function digest(dir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await listFiles(dir)) {
    hash.update(file).update(await readFile(join(dir, file)));
  }
  return hash.digest("hex");
}

describe("a build of broken content", () => {
  it("exits 1, lists every error and leaves the published site as it was", async () => {
    // The site published yesterday (a build refuses to replace a folder it did not write).
    const output = join(await tempDir(), "_site");
    const yesterday = await runCli("build", ["--content", SAMPLE_CONTENT, "--output", output]);
    assert.equal(yesterday.code, 0, yesterday.stderr);
    const before = await digest(output);

    const result = await runCli("build", ["--content", BROKEN, "--output", output]);
    assert.equal(result.code, 1, `exit code should be 1, stderr:\n${result.stderr}`);
    const expected = [
      'en/notices/2018-07-23-ogp.md:3: date: expected a date like 2018-07-23 (or 2018-07-23T09:00:00+09:00), got "23/07/2018"',
      'en/notices/2018-07-23-ogp.md:4: readCount: expected a whole number like 16869 (no commas), got "16,869"',
      "en/notices/2019-01-02-no-title.md: title: required",
      "en/notices/2019-01-02-no-title.md:3: ministry: expected a code from _data/ministries.json (MOIS)",
      'en/notices/2019-01-02-no-title.md:4: draft: expected true or false, got "yes"',
      "en/notices/Notice_About_Things.md: file name: expected YYYY-MM-DD-words-in-ascii.md",
      "ko/notices/2019-01-04-attachment.md:5: layout: unknown key",
      'ko/notices/2019-01-04-attachment.md:7: attachments.0.file: file not found: "attachments/missing.hwp"',
    ];
    for (const line of expected) {
      assert.ok(
        result.stderr.includes(line),
        `stderr should include\n  ${line}\ngot\n${result.stderr}`,
      );
    }
    assert.match(
      result.stderr,
      /^tests\/fixtures\/broken\/ko\/notices\/2019-01-05-valid.md: warning: translation: no English translation/m,
      "a notice without translation should be a warning",
    );
    assert.match(result.stderr, /^8 errors, 1 warning: nothing was published\.$/m);
    assert.doesNotMatch(result.stderr, /\bat .*\.(ts|js):\d+/, "no stack trace should be printed");
    assert.equal(
      await digest(output),
      before,
      "the previous output should be byte-for-byte intact",
    );
    assert.deepEqual(await buildLeftovers(output), [], "no temporary folder should be left behind");
  });
});

describe("the build command line", () => {
  it("exits 2 with a usage line on an unknown option", async () => {
    const result = await runCli("build", ["--contnet", "content"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Unknown option '--contnet'/);
    assert.match(result.stderr, /^usage: npm run build -- \[--content DIR\]/m);
  });

  it("exits 2 with a usage line when the content folder is missing", async () => {
    const result = await runCli("build", ["--content", "no/such/folder"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /content folder not found: no\/such\/folder/);
    assert.match(result.stderr, /^usage: /m);
  });

  it("exits 2 on a stray argument and on a bad path prefix", async () => {
    assert.equal((await runCli("build", ["content"])).code, 2);
    const bad = await runCli("build", ["--path-prefix", "a b"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--path-prefix: expected a path like \/name\//);
  });
});
