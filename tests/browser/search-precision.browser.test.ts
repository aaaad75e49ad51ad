// The search page shows only true hits: nonsense finds nothing, whole words rank before
// partial ones, Korean endings are handled like particles, expired notices are marked,
// highlights and excerpts show the query word, and the form says what happened.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { SAMPLE_CONTENT, buildSite, makeContent, noticeFile } from "../helpers/site.ts";
import { serveStatic } from "../helpers/static-server.ts";
import type { StaticServer } from "../helpers/static-server.ts";

const notice = (title: string, date: string, body: string, extra: Record<string, string> = {}) =>
  noticeFile({ title: JSON.stringify(title), date, ministry: "MOIS", ...extra }, body);

const FILES: Record<string, string> = {
  "en/notices/2022-05-16-local-elections.md": notice(
    "Support for the local elections",
    "2022-05-16",
    "The Ministry works with the National Election Commission so that the elections run smoothly.",
  ),
  "en/notices/2023-11-20-winter-support.md": notice(
    "Winter support for households",
    "2023-11-20",
    "Signs such as disconnected electricity or unpaid bills are shared with local offices.",
  ),
  "en/notices/2024-04-10-public-facilities.md": notice(
    "Inspection of public facilities",
    "2024-04-10",
    "Inspectors check Safety, fire exits and gas installations in public buildings.",
  ),
  "en/notices/2020-06-01-heat-shelters.md": notice(
    "Heat shelters open",
    "2020-06-01",
    "Heat shelters open in every district for the summer.",
    { expires: "2020-09-30" },
  ),
  "ko/notices/2021-04-10-safety-inspection.md": notice(
    "공공시설 집중점검",
    "2021-04-10",
    "공공시설의 안전점검을 실시한다. 시민이 안전하게 이용하도록 살핀다.",
  ),
  "ko/notices/2024-03-02-ministry-news.md": notice(
    "행정안전부 소식",
    "2024-03-02",
    "행정안전부는 새 누리집을 연다고 밝혔다.",
  ),
  "ko/notices/2022-05-17-election-support.md": notice(
    "지방선거 지원",
    "2022-05-17",
    "중앙선거관리위원회와 함께 선거 지원 대책을 추진한다.",
  ),
  "ko/notices/2020-06-02-heat-shelters.md": notice(
    "무더위쉼터 운영",
    "2020-06-02",
    "무더위쉼터를 여름 동안 운영한다.",
    { expires: "2020-09-30" },
  ),
};

let browser: Browser;
let server: StaticServer;

interface Shown {
  status: string;
  links: string[];
  marks: string[][];
  excerpts: string[];
  metas: string[];
}

/** Opens a search address and reads what the page shows once the final count is in. */
async function search(page: Page, path: string): Promise<Shown> {
  await page.goto(`${server.url}${path}`);
  await page.locator("#search-status:not([aria-busy])").filter({ hasText: /\S/ }).waitFor();
  return page.evaluate(() => {
    const items = [...document.querySelectorAll("#search-results li")];
    return {
      status: document.querySelector("#search-status")?.textContent ?? "",
      links: items.map((li) => new URL(li.querySelector("a")?.href ?? "").pathname),
      marks: items.map((li) => [...li.querySelectorAll("mark")].map((m) => m.textContent)),
      excerpts: items.map((li) => li.querySelector(".search-excerpt")?.textContent ?? ""),
      metas: items.map((li) => li.querySelector(".search-meta")?.textContent ?? ""),
    };
  });
}

/** The notice slugs of result links. */
const slugs = (links: readonly string[]) => links.map((link) => link.split("/")[3] ?? link);

describe("search shows only true hits", () => {
  before(async () => {
    const content = await makeContent(FILES);
    // The site identity in _data names images kept beside the notices.
    const images = join(SAMPLE_CONTENT, "images");
    if (existsSync(images)) await cp(images, join(content, "images"), { recursive: true });
    const { output } = await buildSite(content);
    server = await serveStatic(output);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await server.close();
  });

  it("finds nothing for a word in no notice, alone or beside a known word", async () => {
    const page = await browser.newPage();
    for (const query of ["nothingmatchesthis", "asdfgh", "asdfgh safety"]) {
      const shown = await search(page, `en/search/?q=${encodeURIComponent(query)}`);
      assert.deepEqual(shown.links, [], `"${query}" should find no notice`);
      assert.match(shown.status, /No results/, `"${query}" should say there are no results`);
      assert.match(shown.status, /Check the spelling or try fewer words/);
    }
    const korean = await search(page, `ko/search/?q=${encodeURIComponent("안전뷁")}`);
    assert.deepEqual(korean.links, [], "a Korean word no notice has should find nothing");
    await page.close();
  });

  it("finds an inflected English word's stem, not longer words sharing its letters", async () => {
    const page = await browser.newPage();
    const election = await search(page, "en/search/?q=election");
    assert.deepEqual(slugs(election.links), ["2022-05-16-local-elections"]);
    assert.equal(election.status, "1 result for “election”", "one result, in the singular");
    const elect = await search(page, "en/search/?q=elect");
    assert.deepEqual(
      slugs(elect.links),
      ["2022-05-16-local-elections", "2023-11-20-winter-support"],
      "whole-word matches of elect (election) should come before the newer partial one",
    );
    assert.match(elect.status, /^2 results/);
    await page.close();
  });

  it("ranks a Korean word of the text before a compound that only holds it", async () => {
    const page = await browser.newPage();
    const shown = await search(page, `ko/search/?q=${encodeURIComponent("안전")}`);
    assert.deepEqual(
      slugs(shown.links),
      ["2021-04-10-safety-inspection", "2024-03-02-ministry-news"],
      "안전점검 should come before the newer 행정안전부",
    );
    await page.close();
  });

  it("drops verb and adverb endings from a query as it drops particles", async () => {
    const page = await browser.newPage();
    const bare = await search(page, `ko/search/?q=${encodeURIComponent("안전")}`);
    for (const query of ["안전하게", "안전합니다", "안전한"]) {
      const shown = await search(page, `ko/search/?q=${encodeURIComponent(query)}`);
      assert.deepEqual(shown.links, bare.links, `${query} should find what 안전 finds`);
    }
    await page.close();
  });

  it("highlights a compound found through its Korean terms, and never punctuation", async () => {
    const page = await browser.newPage();
    const korean = await search(page, `ko/search/?q=${encodeURIComponent("선거관리위원회")}`);
    assert.deepEqual(slugs(korean.links), ["2022-05-17-election-support"]);
    assert.deepEqual(korean.marks, [["중앙선거관리위원회와"]]);
    const english = await search(page, "en/search/?q=safety");
    assert.deepEqual(english.marks, [["Safety"]], "the comma after Safety stays unmarked");
    assert.match(english.excerpts[0] ?? "", /Safety, fire exits/);
    for (const excerpt of [...korean.excerpts, ...english.excerpts]) {
      assert.doesNotMatch(excerpt, /^(Inspection of public facilities|지방선거 지원)/);
    }
    await page.close();
  });

  it("keeps expired notices findable and marks them", async () => {
    const page = await browser.newPage();
    const english = await search(page, "en/search/?q=shelters");
    assert.deepEqual(slugs(english.links), ["2020-06-01-heat-shelters"]);
    assert.match(english.metas[0] ?? "", /Expired/, "the expired notice should be marked");
    const current = await search(page, "en/search/?q=inspection");
    assert.doesNotMatch(current.metas[0] ?? "", /Expired/, "a current notice is not marked");
    const korean = await search(page, `ko/search/?q=${encodeURIComponent("무더위쉼터")}`);
    assert.match(korean.metas[0] ?? "", /게시 기간 종료/);
    await page.close();
  });

  it("says what to type for a blank query and that a year has no notices", async () => {
    const page = await browser.newPage();
    const blank = await search(page, "en/search/?q=%20%20");
    assert.match(blank.status, /Type a word or two/);
    const empty = await search(page, "en/search/?q=heat&year=2019");
    assert.deepEqual(empty.links, [], "a year without notices should not show every year");
    assert.equal(empty.status, "There are no notices for 2019.");
    assert.equal(await page.locator("#search-year").inputValue(), "2019");
    await page.close();
  });

  it("keeps the query and year when switching language", async () => {
    const page = await browser.newPage();
    await search(page, "en/search/?q=heat&year=2020");
    await page.locator("#search-q").fill("safety");
    await page.locator("#search-q").press("Enter");
    await page.waitForURL(/q=safety/);
    await page.locator(".lang-switch a").click();
    await page.waitForURL(/\/ko\/search\//);
    assert.equal(await page.locator("#search-q").inputValue(), "safety");
    assert.equal(await page.locator("#search-year").inputValue(), "2020");
    await page.close();
  });
});
