// Drafts, scheduled notices, expiry and analytics read counts, as a reader of the built site
// sees them: two production builds of one content folder, a day apart (SOURCE_DATE_EPOCH).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { buildSite, makeContent, readPage, noticePair } from "../helpers/site.ts";

/** Noon on 26 November 2026 in Seoul. */
const NOON_26 = Date.parse("2026-11-26T03:00:00Z") / 1000;
/** Midnight starting 27 November 2026 in Seoul (still the 26th in UTC). */
const MIDNIGHT_27 = Date.parse("2026-11-26T15:00:00Z") / 1000;


const FILES = {
  ...noticePair("2026-11-01-expired", "Expired notice", { expires: "2026-11-20" }),
  ...noticePair("2026-11-10-expiring", "Expiring notice", { expires: "2026-11-26" }),
  ...noticePair("2026-11-20-published", "Published notice", { readCount: "100" }),
  ...noticePair("2026-11-21-draft", "Draft notice", { draft: "true" }),
  ...noticePair("2026-11-27-scheduled", "Scheduled notice"),
  "_data/readCounts.json": JSON.stringify({
    updated: "2026-11-25",
    counts: { "en/2026-11-20-published": 20, "ko/2026-11-20-published": 5 },
  }),
};

/** Titles on the English board's first page. */
async function listed(output: string): Promise<string[]> {
  const $ = await readPage(output, "/en/notices/");
  return $("table.board tbody td.col-title a")
    .map((_, a) => $(a).text())
    .get();
}

const hasPage = (output: string, slug: string) =>
  existsSync(join(output, "en/notices", slug, "index.html"));

describe("publishing over time", () => {
  let on26 = "";
  let on27 = "";

  before(async () => {
    const content = await makeContent(FILES);
    [{ output: on26 }, { output: on27 }] = await Promise.all([
      buildSite(content, [], { SOURCE_DATE_EPOCH: String(NOON_26) }),
      buildSite(content, [], { SOURCE_DATE_EPOCH: String(MIDNIGHT_27) }),
    ]);
  });

  it("never publishes a draft", async () => {
    for (const output of [on26, on27]) {
      assert.equal(hasPage(output, "2026-11-21-draft"), false, "a draft should have no page");
      assert.ok(!(await listed(output)).includes("Draft notice"), "a draft should not be listed");
    }
  });

  it("publishes a scheduled notice with the first build on its day", async () => {
    assert.equal(hasPage(on26, "2026-11-27-scheduled"), false, "not before its day");
    assert.ok(!(await listed(on26)).includes("Scheduled notice"));
    assert.equal(hasPage(on27, "2026-11-27-scheduled"), true, "from its day");
    assert.equal((await listed(on27))[0], "Scheduled notice", "newest first");
    const $ = await readPage(on27, "/en/notices/2026-11-27-scheduled/");
    assert.equal($(".draft-banner").length, 0, "a published notice is not marked as a draft");
  });

  it("lists an expiring notice through its last day, then keeps its page with a note", async () => {
    assert.deepEqual(await listed(on26), ["Published notice", "Expiring notice"]);
    assert.deepEqual(await listed(on27), ["Scheduled notice", "Published notice"]);
    const before = await readPage(on26, "/en/notices/2026-11-10-expiring/");
    assert.equal(before(".notice-status").length, 0, "no note before it expires");
    for (const output of [on26, on27]) {
      const $ = await readPage(output, "/en/notices/2026-11-01-expired/");
      assert.equal($(".notice-status").text().trim(), "This notice has expired.");
    }
    const after = await readPage(on27, "/en/notices/2026-11-10-expiring/");
    assert.equal(after(".notice-status").text().trim(), "This notice has expired.");
  });

  it("links previous and next only to listed notices", async () => {
    const $ = await readPage(on26, "/en/notices/2026-11-20-published/");
    assert.equal($("a[rel=prev]").attr("href"), "/en/notices/2026-11-10-expiring/");
    assert.equal($("a[rel=next]").length, 0, "the draft and the scheduled notice are not next");
  });

  it("adds the analytics count to the baseline and says when it was counted", async () => {
    const en = await readPage(on26, "/en/notices/2026-11-20-published/");
    const meta = en(".notice-meta").text().replace(/\s+/g, " ");
    assert.match(meta, /Views : 120 \(as of 2026\.11\.25\)/);
    const ko = await readPage(on26, "/ko/notices/2026-11-20-published/");
    assert.match(ko(".notice-meta").text().replace(/\s+/g, " "), /조회수 : 105 \(2026\.11\.25 기준\)/);
    const board = await readPage(on26, "/en/notices/");
    const row = board("table.board tbody tr").filter((_, tr) =>
      board(tr).text().includes("Published notice"),
    );
    assert.equal(row.find(".col-reads").text(), "120");
  });
});
