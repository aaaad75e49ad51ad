import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { REFERENCE_MARKERS, frontMatterReference, withReference } from "../../src/content/reference.ts";
import { NOTICE_KEYS } from "../../src/content/schema.ts";
import { ROOT, runCli } from "../helpers/site.ts";

/** The text between the reference markers of a file in the project. */
function referenceIn(file: string): string {
  const text = readFileSync(join(ROOT, file), "utf8");
  const start = text.indexOf(REFERENCE_MARKERS.start);
  const end = text.indexOf(REFERENCE_MARKERS.end);
  assert.ok(start !== -1 && end > start, `${file} should hold the reference markers`);
  return text.slice(start + REFERENCE_MARKERS.start.length, end).trim();
}

describe("the front-matter reference", () => {
  const generated = frontMatterReference();

  for (const file of ["docs/editing.md", "README.md"]) {
    it(`in ${file} matches the schema (run npm run reference when this fails)`, () => {
      assert.equal(referenceIn(file), generated);
    });
  }

  it("has one row per front-matter key, in the schema's order", () => {
    const keys = generated
      .split("\n")
      .slice(2)
      .map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1]);
    assert.deepEqual(keys, NOTICE_KEYS);
  });

  it("says what the schema says about each key", () => {
    const row = (key: string) => generated.split("\n").find((line) => line.startsWith(`| \`${key}\` |`));
    assert.match(row("title") ?? "", /^\| `title` \| text, 1 to 300 characters \| required \| /);
    assert.match(row("date") ?? "", /^\| `date` \| date \| required \| /);
    assert.match(row("readCount") ?? "", /\| whole number, 0 or more \| optional, default `0` \|/);
    assert.match(row("ministry") ?? "", /\| ministry code \| required \|/);
    assert.match(row("summary") ?? "", /\| text, up to 500 characters \| optional \|/);
    assert.match(row("draft") ?? "", /\| `true` or `false` \| optional, default `false` \|/);
    assert.match(row("expires") ?? "", /\| date \| optional \|/);
    assert.match(row("attachments") ?? "", /\| list of `\{ file, title \}` \| optional \|/);
  });

  it("replaces a stale table and refuses a file without markers", () => {
    const stale = `# Guide\n\n${REFERENCE_MARKERS.start}\n| old | table |\n${REFERENCE_MARKERS.end}\n\nAfter.\n`;
    const updated = withReference(stale);
    assert.equal(
      updated,
      `# Guide\n\n${REFERENCE_MARKERS.start}\n${generated}\n${REFERENCE_MARKERS.end}\n\nAfter.\n`,
    );
    assert.equal(withReference(updated), updated, "an up-to-date file is left as it is");
    assert.throws(() => withReference("# No markers\n"), /expected the markers/);
  });

  it("is reported up to date by npm run reference -- --check", async () => {
    // runCli starts scripts from src/cli/; this one lives in scripts/.
    const result = await runCli("../../scripts/reference", ["--check"]);
    assert.equal(result.code, 0, result.stderr);
  });
});
