/**
 * The renderer's heap limit (src/build-site.ts): estimated from the content unless the operator
 * sets one. A renderer that runs out of an estimated limit renders again with Node's own; one
 * that runs out of the operator's limit fails the build with one line, without V8's report.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { build, rendererHeap } from "../../src/build-site.ts";
import { EXIT } from "../../src/errors.ts";
import { SAMPLE_CONTENT, runCli, tempDir } from "../helpers/site.ts";
import { buildLeftovers } from "../helpers/tree.ts";

const NOW = Date.UTC(2026, 11, 1);

describe("the renderer's heap limit", () => {
  it("gives a small board the floor of 1,024 MiB", () => {
    assert.equal(rendererHeap(SAMPLE_CONTENT), 1024);
  });

  it("renders again with Node's own limit when the estimate proves too small", async () => {
    const output = join(await tempDir("sosik-heap-"), "_site");
    // 24 MiB cannot even load Eleventy: the first renderer runs out for certain.
    const report = await build({
      contentDir: SAMPLE_CONTENT,
      outputDir: output,
      now: NOW,
      rendererHeapMb: 24,
    });
    assert.equal(report.heapRetry, 24, "the build should say it rendered again");
    assert.ok(report.notices > 0, "the second render should build the site");
    assert.ok(existsSync(join(output, "ko/notices/index.html")), "the site should be published");
    assert.deepEqual(await buildLeftovers(output), [], "the first attempt should leave nothing");
  });

  it("stops with one line when the operator's limit is too small, and publishes nothing", async () => {
    const folder = await tempDir("sosik-heap-");
    const output = join(folder, "_site");
    const result = await runCli("build", ["--content", SAMPLE_CONTENT, "--output", output], {
      env: { NODE_OPTIONS: "--max-old-space-size=32", SOURCE_DATE_EPOCH: String(NOW / 1000) },
    });
    assert.equal(result.code, EXIT.failed, result.stderr);
    assert.match(
      result.stderr,
      /^error: rendering ran out of memory \(a heap limit of 32 MiB\): give it more with NODE_OPTIONS=--max-old-space-size=<MiB>/m,
    );
    // V8's own report (its last collections, JS and native stacks) is not shown.
    assert.doesNotMatch(result.stderr, /Last few GCs|FATAL ERROR|heap out of memory|0x[0-9a-f]{6}/);
    assert.equal(existsSync(output), false, "nothing may be published");
    const store = (await readdir(folder)).filter((entry) => entry !== "._site.sosik");
    assert.deepEqual(store, [], "nothing but the store may be left beside the output");
  });
});
