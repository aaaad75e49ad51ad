import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { SAMPLE_CONTENT, buildSite, listFiles } from "../helpers/site.ts";
import { serveStatic } from "../helpers/static-server.ts";
import type { StaticServer } from "../helpers/static-server.ts";

let browser: Browser;
let server: StaticServer;
let output: string;

const SAFETY = "/ko/notices/2023-04-10-safety-inspection-of-public-facilities/";
const VISIT_EN = "/en/notices/2018-07-23-vice-minister-visits-czech-republic-and-georgia/";

async function resultLinks(page: Page): Promise<string[]> {
  // The final count: while older shards are still searched, the status is busy.
  await page.locator("#search-status:not([aria-busy])").filter({ hasText: /\d/ }).waitFor();
  return page
    .locator("#search-results h2 a")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

describe("search in the browser", () => {
  before(async () => {
    ({ output } = await buildSite(SAMPLE_CONTENT));
    server = await serveStatic(output);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await server.close();
  });

  it("indexes every published notice page per language and nothing else", async () => {
    const manifest = JSON.parse(await readFile(join(output, "pagefind/shards.json"), "utf8")) as {
      languages: Record<string, { id: string; pages: number }[]>;
    };
    const files = await listFiles(output);
    for (const lang of ["ko", "en"]) {
      const pages = files.filter((f) =>
        new RegExp(`^${lang}/[a-z][a-z0-9-]*/\\d{4}-[^/]+/index\\.html$`).test(f),
      ).length;
      const shards = manifest.languages[lang] ?? [];
      let indexed = 0;
      for (const shard of shards) {
        const entry = JSON.parse(
          await readFile(join(output, "pagefind", shard.id, "pagefind-entry.json"), "utf8"),
        ) as {
          languages: Record<string, { page_count: number }>;
        };
        assert.deepEqual(
          Object.keys(entry.languages),
          [lang],
          `shard ${shard.id} should hold ${lang} pages only`,
        );
        indexed += entry.languages[lang]?.page_count ?? 0;
      }
      assert.equal(
        indexed,
        pages,
        `the ${lang} index should hold exactly the ${String(pages)} notice pages`,
      );
    }
  });

  it("finds a Korean notice by a part of a compound word, typed in the header box", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}ko/`);
    await page.locator("#header-search-q").fill("주차");
    await page.locator("#header-search-q").press("Enter");
    await page.waitForURL(/\/ko\/search\/\?q=/);
    assert.ok(
      (await resultLinks(page)).includes(SAFETY),
      "주차 should find the safety inspection notice (공영주차장)",
    );
    await page.close();
  });

  it("finds a noun typed with its particle", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}ko/search/`);
    await page.locator("#search-q").fill("사회복지관에서");
    await page.locator("#search-q").press("Enter");
    assert.ok((await resultLinks(page)).includes(SAFETY));
    assert.match(page.url(), /\?q=%EC%82%AC%ED%9A%8C/, "the query should be put in the address");
    await page.close();
  });

  it("finds nothing for punctuation alone, in both languages", async () => {
    const page = await browser.newPage();
    for (const [lang, query] of [
      ["en", "-"],
      ["en", "#"],
      ["ko", "..."],
      ["ko", "“”"],
      ["en", "{{"],
    ] as const) {
      await page.goto(`${server.url}${lang}/search/?q=${encodeURIComponent(query)}`);
      const status = page.locator("#search-status:not([aria-busy])");
      await status.filter({ hasText: query }).waitFor();
      const shown = await status.textContent();
      assert.match(
        shown ?? "",
        lang === "en" ? /no notices? .*match|no result/i : /없습니다/,
        `${lang} "${query}": ${shown ?? ""}`,
      );
      assert.equal(await page.locator("#search-results li").count(), 0, `${lang} "${query}"`);
    }
    await page.close();
  });

  it("finds an English notice, filters by year, and follows the result", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}en/search/`);
    await page.locator("#search-q").fill("Tbilisi");
    await page.locator("#search-q").press("Enter");
    const links = await resultLinks(page);
    assert.ok(
      links.includes(VISIT_EN),
      `Tbilisi should find the visit notice, got ${links.join(", ")}`,
    );
    assert.match(
      (await page.locator("#search-results .search-meta").first().textContent()) ?? "",
      /Date : \d{4}\.\d{2}\.\d{2}/,
    );
    assert.ok(
      (await page.locator("#search-results mark").count()) > 0,
      "the excerpt should highlight the query",
    );

    await page.locator("#search-year").selectOption("2021");
    await page.waitForURL(/year=2021/);
    const filtered = await resultLinks(page);
    assert.ok(!filtered.includes(VISIT_EN), "the 2018 notice should be filtered out of 2021");
    assert.ok(
      filtered.every((url) => url.includes("/2021-")),
      `only 2021 notices should remain: ${filtered.join(", ")}`,
    );

    await page.locator("#search-year").selectOption("");
    await page.locator("#search-ministry").selectOption("Ministry of the Interior and Safety");
    const byMinistry = await resultLinks(page);
    assert.ok(byMinistry.includes(VISIT_EN));
    await page.locator(`#search-results a[href$="${VISIT_EN}"]`).click();
    await page.waitForURL(`**${VISIT_EN}`);
    assert.equal(
      await page.locator("h1").textContent(),
      "Vice Minister of the Interior and Safety visits the Czech Republic and Georgia",
    );
    await page.close();
  });

  it("shows the first result once its own fragment is read, then the rest of the page", async () => {
    const page = await browser.newPage();
    // Every fragment after the first is held until the test lets it through: a page that
    // waited for all of its results would show nothing until then.
    const held: (() => void)[] = [];
    const state = { fragments: 0, holding: true };
    await page.route("**/*.pf_fragment", async (route) => {
      state.fragments += 1;
      if (state.holding && state.fragments > 1) {
        await new Promise<void>((release) => held.push(release));
      }
      await route.continue();
    });
    // "ministry" is a word of every English notice: the index's own matches are whole words,
    // so no fragment is read before the page's.
    await page.goto(`${server.url}en/search/?q=ministry`);
    await page.locator("#search-results li").first().waitFor();
    await page.waitForTimeout(300);
    assert.equal(
      await page.locator("#search-results li").count(),
      1,
      "only the first result should be shown while the others are read",
    );
    assert.ok(held.length > 0, "the other results' fragments should be asked for after it");
    state.holding = false;
    for (const release of held.splice(0)) release();
    const links = await resultLinks(page);
    assert.ok(links.length > 1, "the rest of the page should follow the first result");
    assert.equal(new Set(links).size, links.length, "no result should be shown twice");
    await page.close();
  });

  it("restores a shared search from an old sort=date link, newest first", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}ko/search/?q=${encodeURIComponent("행정안전부")}&sort=date`);
    assert.equal(await page.locator("#search-q").inputValue(), "행정안전부");
    assert.equal(
      await page.locator("#search-sort option:checked").textContent(),
      "최신순",
      "newest first, now the default, should be chosen",
    );
    const links = await resultLinks(page);
    assert.ok(links.length >= 3, "행정안전부 should find several notices");
    const dates = links.map((url) => url.split("/")[3]?.slice(0, 10) ?? "");
    assert.deepEqual(
      dates,
      [...dates].sort().reverse(),
      "results sorted by date should be newest first",
    );
    assert.match((await page.locator("#search-status").textContent()) ?? "", /검색 결과 \d+건/);
    await page.close();
  });

  it("submits the form as a plain GET when JavaScript is off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}en/notices/`);
    await page.locator("#header-search-q").fill("public data");
    await page.locator(".header-search button").click();
    await page.waitForURL(/\/en\/search\/\?q=public\+data$/);
    assert.equal(await page.locator("h1").textContent(), "Search");
    await context.close();
  });
});
