// The search page's options in Chromium with a real Pagefind index: scope (title, body, both),
// period (months from-to and presets counted from today in Seoul), results a page, the count
// in the live region, clear all, and the link from a board's list, in Korean and English.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { seoulToday } from "../../src/client/search-options.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { SAMPLE_CONTENT, buildSite, makeContent, noticeFile, readPage } from "../helpers/site.ts";
import { serveStatic } from "../helpers/static-server.ts";
import type { StaticServer } from "../helpers/static-server.ts";
import { axeViolations } from "../quality/browser-checks.ts";

/** The day `days` before today in Seoul, `YYYY-MM-DD`: the presets count from there. */
function daysAgo(days: number): string {
  const [y, m, d] = seoulToday(new Date()).split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) - days)).toISOString().slice(0, 10);
}

const RECENT = daysAgo(2);
const LAST_MONTH = daysAgo(20);
const LAST_YEAR = daysAgo(200);

const notice = (title: string, date: string, body: string, extra: Record<string, string> = {}) =>
  noticeFile({ title: JSON.stringify(title), date, ministry: "MOIS", ...extra }, body);

/** Four notices a language: the query word in two titles and two bodies, at four ages. */
const FILES: Record<string, string> = {
  [`en/notices/${RECENT}-harbour-works.md`]: notice(
    "Harbour works begin",
    RECENT,
    "Cranes arrive at the pier this week.",
  ),
  [`en/notices/${LAST_MONTH}-pier-repairs.md`]: notice(
    "Pier repairs",
    LAST_MONTH,
    "The harbour pier is repaired before winter.",
  ),
  [`en/press/${LAST_YEAR}-harbour-festival.md`]: notice(
    "Harbour festival",
    LAST_YEAR,
    "A festival by the sea for every family.",
    { department: "public-data" },
  ),
  "en/notices/2020-03-05-port-history.md": notice(
    "History of the port",
    "2020-03-05",
    "The harbour opened in 1900 and grew with the city.",
  ),
  [`ko/notices/${RECENT}-harbour-works.md`]: notice(
    "항만 공사 시작",
    RECENT,
    "부두에 크레인이 도착한다.",
  ),
  [`ko/notices/${LAST_MONTH}-pier-repairs.md`]: notice(
    "부두 보수",
    LAST_MONTH,
    "항만 부두를 겨울 전에 보수한다.",
  ),
  [`ko/press/${LAST_YEAR}-harbour-festival.md`]: notice(
    "항만 축제",
    LAST_YEAR,
    "바닷가에서 가족 축제를 연다.",
    { department: "public-data" },
  ),
  "ko/notices/2020-03-05-port-history.md": notice(
    "항구의 역사",
    "2020-03-05",
    "항만은 1900년에 문을 열었다.",
  ),
};
// 25 bulletins of 2021 in each language, for the number of results a page.
for (let i = 1; i <= 25; i++) {
  const day = `2021-${String(1 + (i % 12)).padStart(2, "0")}-${String(i).padStart(2, "0")}`;
  FILES[`en/notices/${day}-bulletin-${String(i)}.md`] = notice(
    `Bulletin ${String(i)}`,
    day,
    "A monthly bulletin.",
  );
  FILES[`ko/notices/${day}-bulletin-${String(i)}.md`] = notice(
    `소식지 ${String(i)}`,
    day,
    "월간 소식지입니다.",
  );
}

let browser: Browser;
let server: StaticServer;
let output: string;

interface Shown {
  status: string;
  slugs: string[];
  url: URL;
}

/** Waits for the final count (the live region no longer busy) and reads the page. */
async function shown(page: Page): Promise<Shown> {
  await page.locator("#search-status:not([aria-busy])").filter({ hasText: /\S/ }).waitFor();
  const links = await page
    .locator("#search-results h2 a")
    .evaluateAll((all) => all.map((a) => (a as HTMLAnchorElement).pathname));
  return {
    status: (await page.locator("#search-status").textContent()) ?? "",
    slugs: links.map((link) => link.split("/")[3]?.slice(11) ?? link),
    url: new URL(page.url()),
  };
}

/** Opens a search address and reads what it shows. */
async function open(page: Page, path: string): Promise<Shown> {
  await page.goto(`${server.url}${path}`);
  return shown(page);
}

const HARBOUR = { en: "harbour", ko: encodeURIComponent("항만") };

describe("search options", () => {
  before(async () => {
    const content = await makeContent(FILES, { boards: true });
    const images = join(SAMPLE_CONTENT, "images");
    if (existsSync(images)) await cp(images, join(content, "images"), { recursive: true });
    // One shard a year, so that a period reads only the shards it overlaps.
    ({ output } = await buildSite(content, ["--shard-pages", "1"]));
    server = await serveStatic(output);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await server.close();
  });

  it("searches titles only, bodies only, or both, in both languages", async () => {
    const page = await browser.newPage();
    for (const lang of ["en", "ko"] as const) {
      const q = HARBOUR[lang];
      const both = await open(page, `${lang}/search/?q=${q}`);
      assert.deepEqual(
        both.slugs,
        ["harbour-works", "pier-repairs", "harbour-festival", "port-history"],
        `${lang}: both title and body should find all four, newest first`,
      );
      const title = await open(page, `${lang}/search/?q=${q}&scope=title`);
      assert.deepEqual(title.slugs, ["harbour-works", "harbour-festival"], `${lang}: titles`);
      assert.equal(await page.locator("#search-scope").inputValue(), "title");
      assert.match(title.status, lang === "en" ? /^2 results for “harbour”$/ : /검색 결과 2건$/);
      const body = await open(page, `${lang}/search/?q=${q}&scope=body`);
      assert.deepEqual(body.slugs, ["pier-repairs", "port-history"], `${lang}: bodies`);
      const relevance = await open(page, `${lang}/search/?q=${q}&scope=title&sort=relevance`);
      assert.deepEqual(
        [...relevance.slugs].sort(),
        ["harbour-festival", "harbour-works"],
        `${lang}: the scope applies by relevance too`,
      );
    }
    // Chosen in the form, the scope goes into the address.
    await open(page, `en/search/?q=harbour`);
    await page.locator("#search-scope").selectOption("body");
    await page.waitForURL(/scope=body/);
    assert.deepEqual((await shown(page)).slugs, ["pier-repairs", "port-history"]);
    await page.close();
  });

  it("limits results to months from-to, reading only the shards of those years", async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/pagefind/") && !path.endsWith("shards.json")) {
        requested.push(path.split("/")[2] ?? path);
      }
    });
    for (const lang of ["en", "ko"] as const) {
      requested.length = 0;
      const shownPage = await open(
        page,
        `${lang}/search/?q=${HARBOUR[lang]}&from=2020-01&to=2020-12`,
      );
      assert.deepEqual(shownPage.slugs, ["port-history"], `${lang}: only the 2020 notice`);
      assert.deepEqual([...new Set(requested)], [`${lang}-2020`], "only the 2020 shard is read");
      assert.equal(await page.locator("#search-from").inputValue(), "2020-01");
      assert.equal(await page.locator("#search-to").inputValue(), "2020-12");
    }
    const noQuery = await open(page, "en/search/?from=2021-02&to=2021-03");
    assert.ok(noQuery.slugs.length > 0, "a period alone lists the notices of those months");
    for (const slug of noQuery.slugs) assert.match(slug, /^bulletin-/);
    const days = await page
      .locator("#search-results h2 a")
      .evaluateAll((all) => all.map((a) => (a as HTMLAnchorElement).pathname.slice(12, 19)));
    for (const month of days) assert.ok(month === "2021-02" || month === "2021-03", month);
    assert.equal(noQuery.status, `${String(days.length)} results`);
    await page.close();
  });

  it("counts the last week, month and year from today in Seoul", async () => {
    const page = await browser.newPage();
    for (const lang of ["en", "ko"] as const) {
      const q = HARBOUR[lang];
      const week = await open(page, `${lang}/search/?q=${q}&period=week`);
      assert.deepEqual(week.slugs, ["harbour-works"], `${lang}: last week`);
      const month = await open(page, `${lang}/search/?q=${q}&period=month`);
      assert.deepEqual(month.slugs, ["harbour-works", "pier-repairs"], `${lang}: last month`);
      const year = await open(page, `${lang}/search/?q=${q}&period=year&sort=relevance`);
      assert.deepEqual(
        [...year.slugs].sort(),
        ["harbour-festival", "harbour-works", "pier-repairs"],
        `${lang}: last year, by relevance`,
      );
    }
    // A preset chosen in the form clears the months, and the months clear the preset.
    await open(page, "en/search/?q=harbour&from=2020-01&to=2020-12");
    await page.locator("#search-period").selectOption("week");
    await page.waitForURL((url) => url.searchParams.get("period") === "week");
    assert.equal(new URL(page.url()).searchParams.has("from"), false);
    assert.equal(await page.locator("#search-from").inputValue(), "");
    await page.locator("#search-from").fill("2020-01");
    await page.waitForURL((url) => url.searchParams.get("from") === "2020-01");
    assert.equal(await page.locator("#search-period").inputValue(), "");
    await page.close();
  });

  it("shows 10, 20 or 50 results a page", async () => {
    const page = await browser.newPage();
    for (const lang of ["en", "ko"] as const) {
      const q = lang === "en" ? "bulletin" : encodeURIComponent("소식지");
      await open(page, `${lang}/search/?q=${q}`);
      assert.equal(await page.locator("#search-results li").count(), 10, `${lang}: 10 by default`);
      const twenty = await open(page, `${lang}/search/?q=${q}&size=20`);
      assert.equal(twenty.slugs.length, 20, `${lang}: 20 a page`);
      assert.match(twenty.status, /25/, "the count is of every result, not of the page");
      await page.locator("#search-more").click();
      await page.waitForFunction(
        () => document.querySelectorAll("#search-results li").length === 25,
      );
      await page.locator("#search-size").selectOption("50");
      await page.waitForURL(/size=50/);
      const fifty = await shown(page);
      assert.equal(fifty.slugs.length, 25);
      assert.equal(await page.locator("#search-more").count(), 0, "nothing more to show");
    }
    await page.close();
  });

  it("announces the final count once and clears every choice", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}en/search/`);
    // Record each text the live region takes while it is not busy: what screen readers hear.
    await page.evaluate(() => {
      const status = document.getElementById("search-status");
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      if (!status) return;
      new MutationObserver(() => {
        if (!status.hasAttribute("aria-busy") && status.textContent) heard.push(status.textContent);
      }).observe(status, { childList: true, characterData: true, subtree: true, attributes: true });
    });
    await page.locator("#search-q").fill("harbour");
    await page.locator("#search-scope").selectOption("title");
    await page.locator("#search-size").selectOption("20");
    await page.locator("#search-period").selectOption("year");
    const result = await shown(page);
    assert.deepEqual(result.slugs, ["harbour-works", "harbour-festival"]);
    assert.deepEqual(
      Object.fromEntries(result.url.searchParams),
      { q: "harbour", scope: "title", period: "year", size: "20" },
      "every choice should be in the address",
    );
    const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    assert.equal(heard.at(-1), "2 results for “harbour”");
    assert.equal(
      new Set(heard).size,
      heard.length,
      `each count is announced once: ${heard.join(" | ")}`,
    );

    await page.locator("#search-clear").click();
    await page.waitForURL((url) => url.search === "");
    for (const id of [
      "q",
      "board",
      "ministry",
      "year",
      "sort",
      "scope",
      "period",
      "from",
      "to",
      "size",
    ]) {
      assert.equal(await page.locator(`#search-${id}`).inputValue(), "", `#search-${id} is reset`);
    }
    assert.equal(await page.locator("#search-results li").count(), 0);
    assert.equal(await page.locator("#search-status").textContent(), "");
    await page.close();
  });

  it("links each board's list to the search of that board", async () => {
    const page = await browser.newPage();
    for (const [lang, label] of [
      ["en", "Search this board"],
      ["ko", "이 게시판 검색"],
    ] as const) {
      await page.goto(`${server.url}${lang}/press/`);
      await page.getByRole("link", { name: label }).click();
      await page.waitForURL(/\/search\/\?board=press$/);
      assert.equal(await page.locator("#search-board").inputValue(), "press");
      const result = await shown(page);
      assert.deepEqual(result.slugs, ["harbour-festival"], `${lang}: only the press board`);
    }
    const $ = await readPage(output, "/en/notices/");
    assert.equal($(".board-search-link a").attr("href"), "/en/search/?board=notices");
    await page.close();
  });

  it("submits as a GET without JavaScript, with a label for every control", async () => {
    for (const lang of ["en", "ko"]) {
      const $ = await readPage(output, `/${lang}/search/`);
      const form = $("#search-form");
      assert.equal(form.attr("method"), "get");
      const controls = form.find("input, select");
      assert.ok(controls.length >= 10);
      controls.each((_, control) => {
        const id = $(control).attr("id") ?? "";
        assert.ok($(control).attr("name"), `#${id} should have a name for the GET`);
        assert.equal($(`label[for="${id}"]`).length, 1, `#${id} should have a label`);
      });
      assert.equal(form.find("#search-clear").attr("href"), `/${lang}/search/`);
    }
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}en/search/`);
    await page.locator("#search-q").fill("harbour");
    await page.locator("#search-scope").selectOption("title");
    await page.locator("#search-q").press("Enter");
    await page.waitForURL(/scope=title/);
    assert.equal(new URL(page.url()).searchParams.get("q"), "harbour");
    await context.close();
  });

  it("passes axe and does not scroll sideways at 320 px, in both languages", async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    for (const lang of ["en", "ko"]) {
      await open(page, `${lang}/search/?q=${HARBOUR[lang as "en" | "ko"]}&scope=title&period=year`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0, `${lang}: the page should not scroll sideways at 320 px`);
      assert.deepEqual(await axeViolations(page), [], `${lang}: axe violations`);
    }
    await page.close();
  });
});
