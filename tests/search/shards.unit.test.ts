import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Lang } from "../../src/options.ts";
import { planShards } from "../../src/search/shards.ts";
import type { IndexedPage } from "../../src/search/shards.ts";

/** Pages of one language on the given days (`2025-03-14`). */
function pagesOn(lang: Lang, days: readonly string[]): IndexedPage[] {
  return days.map((day, i) => ({
    lang,
    year: day.slice(0, 4),
    month: day.slice(0, 7),
    url: `/${lang}/notices/${day}-notice-${String(i)}/`,
    digest: String(i),
  }));
}

describe("search shards", () => {
  it("groups whole years from the oldest, up to the page limit", () => {
    const pages = pagesOn("en", ["2019-01-01", "2019-05-01", "2020-02-02", "2021-03-03"]);
    const shards = planShards(pages, 3);
    assert.deepEqual(
      shards.map((s) => [s.id, s.periods, s.pages.length]),
      [
        ["en-2019", ["2019", "2020"], 3],
        ["en-2021", ["2021"], 1],
      ],
    );
  });

  it("splits a year larger than the limit into whole months, and keeps languages apart", () => {
    const busy = ["2024-01-05", "2024-01-20", "2024-02-02", "2024-03-03", "2024-03-30"];
    const pages = [...pagesOn("ko", ["2023-06-01", ...busy]), ...pagesOn("en", ["2024-01-05"])];
    const shards = planShards(pages, 2);
    assert.deepEqual(
      shards.map((s) => [s.id, s.years, s.periods, s.pages.length]),
      [
        ["en-2024", ["2024"], ["2024"], 1],
        ["ko-2023", ["2023"], ["2023"], 1],
        ["ko-2024-01", ["2024"], ["2024-01"], 2],
        ["ko-2024-02", ["2024"], ["2024-02"], 1],
        ["ko-2024-03", ["2024"], ["2024-03"], 2],
      ],
    );
    const placed = shards.flatMap((s) => s.pages.map((p) => p.url)).sort();
    assert.deepEqual(placed, pages.map((p) => p.url).sort(), "every page in exactly one shard");
  });
});
