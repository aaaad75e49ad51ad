import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { buildSite, makeContent, noticeFile } from "../helpers/site.ts";

// The shard plan's rules are in shards.unit.test.ts; this is the plan through a real build.
describe("search shards", () => {
  it("indexes a busy year in month shards through a real build", async () => {
    const days = ["2024-01-05", "2024-01-20", "2024-02-02", "2024-03-03", "2024-03-30"];
    const files: Record<string, string> = {};
    for (const day of days) {
      files[`en/notices/${day}-harbour-notice.md`] = noticeFile(
        { title: `"Harbour notice of ${day}"`, date: day, ministry: "MOIS" },
        "The harbour programme.",
      );
    }
    const { output, result } = await buildSite(await makeContent(files), ["--shard-pages", "2"]);
    assert.equal(result.code, 0, result.stderr);
    const manifest = JSON.parse(await readFile(join(output, "pagefind/shards.json"), "utf8")) as {
      languages: Record<string, { id: string; years: string[]; pages: number }[] | undefined>;
    };
    assert.deepEqual(
      manifest.languages["en"]?.map((s) => [s.id, s.years, s.pages]),
      [
        ["en-2024-03", ["2024", "2024"], 2],
        ["en-2024-02", ["2024", "2024"], 1],
        ["en-2024-01", ["2024", "2024"], 2],
      ],
      "newest first; the build checks that Pagefind indexed each shard's pages",
    );
  });
});
