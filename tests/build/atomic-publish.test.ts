import assert from "node:assert/strict";
import { appendFile, cp, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { EXIT } from "../../src/cli/run.ts";
import { copyProject, editProjectFile, runProjectCli } from "../helpers/project-copy.ts";
import { SAMPLE_CONTENT, noticeFile, runCli, tempDir } from "../helpers/site.ts";
import type { CommandResult } from "../helpers/site.ts";
import { buildLeftovers, snapshotTree, treeDifferences } from "../helpers/tree.ts";

// A notice no other notice links to: removing a linked one is a content error (broken link).
const REMOVED = "en/notices/2021-03-02-civil-service-exam-covid19-measures.md";

/** A copy of the sample content, so a test can break or change it. */
async function sampleContentCopy(): Promise<string> {
  const dir = join(await tempDir("sosik-content-"), "content");
  await cp(SAMPLE_CONTENT, dir, { recursive: true });
  return dir;
}

/**
 * The sample content plus one new valid notice. Failed builds use it: re-rendering unchanged
 * content straight into the output would rewrite the same bytes and hide a non-atomic build.
 */
async function changedContent(): Promise<string> {
  const dir = await sampleContentCopy();
  await writeFile(
    join(dir, "en/notices/2020-01-03-new-notice.md"),
    noticeFile({ title: "A new notice", date: "2020-01-03", ministry: "MOIS" }),
  );
  return dir;
}

describe("publishing is atomic", () => {
  let output = "";
  let published = new Map<string, string>();

  /** Asserts the failed build left the published site exactly as it was, and no staging folder. */
  async function assertUntouched(result: CommandResult, what: string): Promise<void> {
    assert.notEqual(result.code, EXIT.ok, `${what} should fail the build`);
    assert.notEqual(result.code, null, `${what}: the build should exit, not be killed`);
    assert.deepEqual(
      treeDifferences(published, await snapshotTree(output)),
      [],
      `${what} should leave the published site byte-for-byte intact`,
    );
    assert.deepEqual(await buildLeftovers(output), [], `${what} should leave no staging folder`);
  }

  before(async () => {
    output = join(await tempDir("sosik-publish-"), "_site");
    const first = await runCli("build", ["--content", SAMPLE_CONTENT, "--output", output]);
    assert.equal(first.code, EXIT.ok, first.stderr);
    published = await snapshotTree(output);
    assert.ok(published.has("en/index.html"), "the first build should publish a site");
  });

  it("keeps the old site when content is invalid", async () => {
    const content = await changedContent();
    const broken = "en/notices/2020-01-02-broken-date.md";
    await writeFile(
      join(content, broken),
      noticeFile({ title: "Broken", date: "02/01/2020", ministry: "MOIS" }),
    );
    const result = await runCli("build", ["--content", content, "--output", output]);
    assert.equal(result.code, EXIT.content, result.stderr);
    assert.match(result.stderr, /2020-01-02-broken-date\.md.*date/);
    await assertUntouched(result, "invalid content");
  });

  it("keeps the old site when a template fails to render", async () => {
    const project = await copyProject();
    // Eleventy copies assets before it renders: a changed stylesheet shows any early write.
    await appendFile(join(project, "layouts/assets/site.css"), "\n/* changed */\n");
    await editProjectFile(
      project,
      "layouts/partials/notice-page.njk",
      "{{ notice.title }}",
      // Fails at render time on one page only, so Eleventy has written others by then.
      '{{ notice.title }}{% if notice.slug == "2020-01-03-new-notice" %}{{ notice.title.callThatDoesNotExist() }}{% endif %}',
    );
    const result = await runProjectCli(project, "build", [
      "--content",
      await changedContent(),
      "--output",
      output,
    ]);
    assert.equal(result.code, EXIT.bug, "a broken template is a bug of the site, not of content");
    assert.match(result.stderr, /callThatDoesNotExist/, "the error should name the problem");
    await assertUntouched(result, "a template error");
  });

  it("keeps the old site when a step after rendering (such as indexing) fails", async () => {
    // Search indexing runs in eleventy.after, once every page is written; any failure there
    // must stop the swap just as a rendering error does.
    const project = await copyProject();
    await editProjectFile(
      project,
      ".eleventy.ts",
      "export function configureEleventy(eleventyConfig: UserConfig, options: BuildOptions): void {",
      `export function configureEleventy(eleventyConfig: UserConfig, options: BuildOptions): void {
  eleventyConfig.on("eleventy.after", () => {
    throw new Error("post-render step failed on purpose");
  });`,
    );
    const result = await runProjectCli(project, "build", [
      "--content",
      await changedContent(),
      "--output",
      output,
    ]);
    assert.match(result.stderr, /post-render step failed on purpose/);
    await assertUntouched(result, "a failing eleventy.after step");
  });

  it("keeps the old site when Pagefind fails", async () => {
    // The indexer binary is swapped for one that fails; the new notice's year must be
    // re-indexed, so the failure cannot be skipped by reusing the previous shards.
    const result = await runCli(
      "build",
      ["--content", await changedContent(), "--output", output],
      { env: { PAGEFIND_BINARY_PATH: "/bin/false" } },
    );
    assert.equal(result.code, EXIT.failed, result.stderr);
    assert.match(result.stderr, /Pagefind failed/);
    await assertUntouched(result, "a Pagefind failure");
  });

  it("replaces the whole site on success, so removed notices disappear", async () => {
    const content = await sampleContentCopy();
    await rm(join(content, REMOVED));
    const removedPage = join(output, REMOVED.replace(/\.md$/, "/index.html"));
    assert.ok(existsSync(removedPage), "the notice should be published before it is removed");
    const result = await runCli("build", ["--content", content, "--output", output]);
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.ok(!existsSync(removedPage), "a removed notice's page should not survive a rebuild");
    assert.ok(existsSync(join(output, "en/index.html")), "the new site should be in place");
    assert.deepEqual(await buildLeftovers(output), [], "no staging folder should be left");
  });
});
