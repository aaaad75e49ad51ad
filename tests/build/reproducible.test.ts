import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { DateTime } from "luxon";
import { loadContent } from "../../src/content/load.ts";
import { SAMPLE_CONTENT, runCli, tempDir } from "../helpers/site.ts";
import { snapshotTree, treeDifferences } from "../helpers/tree.ts";

const HOUR = 3600;

describe("reproducible output", () => {
  const first = Math.floor(Date.now() / 1000);
  const second = first + HOUR;
  let outputs: string[] = [];

  before(async () => {
    // Publishing depends on "now" only where a notice's date or expiry falls between the builds.
    for (const notice of loadContent(SAMPLE_CONTENT).notices) {
      for (const date of [notice.date, notice.expires]) {
        if (!date) continue;
        assert.ok(
          date.epochMs <= first * 1000 || date.epochMs > second * 1000,
          `${notice.file} changes state between the two builds; run the test again later`,
        );
      }
    }
    // Two builds an hour apart (by SOURCE_DATE_EPOCH; seconds apart by the clock), into folders
    // of different names.
    outputs = [
      join(await tempDir("sosik-repro-a-"), "_site"),
      join(await tempDir("sosik-repro-b-"), "public"),
    ];
    for (const [index, epoch] of [first, second].entries()) {
      const result = await runCli(
        "build",
        ["--content", SAMPLE_CONTENT, "--output", outputs[index] ?? ""],
        { env: { SOURCE_DATE_EPOCH: String(epoch) } },
      );
      assert.equal(result.code, 0, result.stderr);
    }
  });

  it("writes byte-identical trees for the same content", async () => {
    const [a, b] = await Promise.all(outputs.map((dir) => snapshotTree(dir)));
    assert.ok(a && b && a.size > 0);
    assert.deepEqual(treeDifferences(a, b), []);
  });

  it("embeds neither the build day nor the output folder in any page, feed or sitemap", async () => {
    const noticeDays = new Set(loadContent(SAMPLE_CONTENT).notices.map((n) => n.date.day));
    const buildDays = [first, second].flatMap((epoch) =>
      ["Asia/Seoul", "UTC"].map((zone) =>
        DateTime.fromSeconds(epoch, { zone }).toFormat("yyyy-MM-dd"),
      ),
    );
    const output = outputs[0] ?? "";
    const texts = [...(await snapshotTree(output)).keys()].filter((file) =>
      /\.(html|xml|txt|css)$/.test(file),
    );
    for (const file of texts) {
      const text = await readFile(join(output, file), "utf8");
      for (const day of buildDays.filter((d) => !noticeDays.has(d))) {
        for (const form of [day, day.replaceAll("-", ".")]) {
          assert.ok(!text.includes(form), `${file} should not contain the build day ${form}`);
        }
      }
      assert.ok(!text.includes(output), `${file} should not contain the output path`);
    }
  });
});
