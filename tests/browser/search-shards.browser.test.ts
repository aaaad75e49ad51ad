import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { buildSite, listFiles, makeContent, noticeFile, runCli } from "../helpers/site.ts";
import { serveStatic } from "../helpers/static-server.ts";
import type { StaticServer } from "../helpers/static-server.ts";

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const WORDS = ["harbour", "lantern", "meadow", "orchard", "quarry", "ridge"];
/** Two years a shard: 10 notices, so the newest shard alone fills a page of results. */
const SHARD_PAGES = "10";
/** The oldest notice but one says "bulletin" again and again: first by relevance, not by date. */
const INSISTENT = "/en/notices/2019-04-14-bulletin-2019-4/";

/** 5 English notices a year, each with the shared word "bulletin" and one word of its year. */
function corpus(): Record<string, string> {
  const files: Record<string, string> = {};
  YEARS.forEach((year, y) => {
    for (let i = 1; i <= 5; i++) {
      const slug = `${String(year)}-0${String(i)}-1${String(i)}-bulletin-${String(year)}-${String(i)}`;
      const insistent = `/en/notices/${slug}/` === INSISTENT;
      files[`en/notices/${slug}.md`] = noticeFile(
        {
          title: `"Bulletin ${String(year)} number ${String(i)}"`,
          date: `${String(year)}-0${String(i)}-1${String(i)}`,
          ministry: "MOIS",
        },
        insistent
          ? "Bulletin: this bulletin is a bulletin about bulletins, bulletin after bulletin."
          : `This bulletin covers the ${WORDS[y] ?? ""} programme of ${String(year)}.`,
      );
    }
  });
  files["ko/notices/2024-01-11-bulletin-2024-1.md"] = noticeFile(
    { title: '"공지 2024"', date: "2024-01-11", ministry: "MOIS" },
    "공영주차장 안전점검 안내입니다.",
  );
  return files;
}

let browser: Browser;
let server: StaticServer;
let output: string;
let content: string;

/** The final status: while older shards are still searched, the status region is busy. */
async function finalStatus(page: Page): Promise<string> {
  return (
    (await page
      .locator("#search-status:not([aria-busy])")
      .filter({ hasText: /\d/ })
      .textContent()) ?? ""
  );
}

/** Every result of a search, following "show more" until all are on the page. */
async function results(page: Page, query: string, params = ""): Promise<string[]> {
  await page.goto(`${server.url}en/search/?q=${encodeURIComponent(query)}${params}`);
  const total = Number(/\d+/.exec(await finalStatus(page))?.[0]);
  const shown = () => page.locator("#search-results li").count();
  const waitFor = (count: number) =>
    page.waitForFunction((n) => document.querySelectorAll("#search-results li").length >= n, count);
  await waitFor(Math.min(total, 10));
  while ((await shown()) < total) {
    const before = await shown();
    await page.locator("#search-more").click();
    await waitFor(before + 1);
  }
  return page
    .locator("#search-results h2 a")
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
}

/** The day of each notice URL, `2024-05-15`. */
const days = (urls: readonly string[]) =>
  urls.map((url) => url.slice("/en/notices/".length, "/en/notices/".length + 10));

describe("search over several index shards", () => {
  before(async () => {
    content = await makeContent(corpus());
    ({ output } = await buildSite(content, ["--shard-pages", SHARD_PAGES]));
    server = await serveStatic(output);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser.close();
    await server.close();
  });

  it("splits each language into shards of whole years", async () => {
    const manifest = JSON.parse(await readFile(join(output, "pagefind/shards.json"), "utf8")) as {
      languages: Record<string, { id: string; years: string[]; pages: number }[]>;
    };
    assert.deepEqual(
      manifest.languages["en"]?.map((s) => [s.id, s.years, s.pages]),
      [
        ["en-2023", ["2023", "2024"], 10],
        ["en-2021", ["2021", "2022"], 10],
        ["en-2019", ["2019", "2020"], 10],
      ],
    );
    assert.deepEqual(
      manifest.languages["ko"]?.map((s) => s.id),
      ["ko-2024"],
    );
  });

  it("lists results newest first by default, across every shard", async () => {
    const page = await browser.newPage();
    const all = await results(page, "bulletin");
    assert.equal(all.length, 30, "every notice of every shard should be found");
    assert.equal(new Set(all).size, 30, "no notice should be listed twice");
    assert.deepEqual(
      days(all),
      [...days(all)].sort().reverse(),
      "results should run from the newest to the oldest",
    );
    assert.equal(await page.locator("#search-sort option:checked").textContent(), "Newest first");
    assert.doesNotMatch(page.url(), /sort=/, "the default order should not be put in the address");
    await page.close();
  });

  it("shows the first page from the newest shard before it asks for an older one", async () => {
    const page = await browser.newPage();
    const seen: { url: string; shown: number; status: string; busy: string | null }[] = [];
    // Each request for an older shard's files waits until the page has been looked at.
    await page.route(/\/pagefind\/en-20(19|21)\//, async (route) => {
      const state = await page.evaluate(() => ({
        shown: document.querySelectorAll("#search-results li").length,
        status: document.getElementById("search-status")?.textContent ?? "",
        busy: document.getElementById("search-status")?.getAttribute("aria-busy") ?? null,
      }));
      seen.push({ url: route.request().url(), ...state });
      await route.continue();
    });
    await page.goto(`${server.url}en/search/?q=bulletin`);
    assert.equal(await finalStatus(page), "30 results for “bulletin”");
    assert.ok(seen.length > 0, "the older shards should have been searched to count");
    for (const request of seen) {
      assert.equal(request.shown, 10, `${request.url} was requested before the first page showed`);
    }
    assert.deepEqual(
      [seen[0]?.status, seen[0]?.busy],
      ["10+ results, counting the rest…", "true"],
      "while older shards are searched, the status should say so and stay busy (not announced)",
    );
    assert.equal(await page.locator("#search-results li").count(), 10);
    assert.equal(await page.locator("#search-more").count(), 1, "the next page should be offered");
    await page.close();
  });

  it("counts and finds the same notices newest first as by relevance", async () => {
    const page = await browser.newPage();
    for (const query of ["bulletin", "harbour", "programme"]) {
      const newest = await results(page, query);
      const newestStatus = await finalStatus(page);
      const relevance = await results(page, query, "&sort=relevance");
      assert.equal(newestStatus, await finalStatus(page), `the count of ${query} should match`);
      assert.deepEqual([...newest].sort(), [...relevance].sort(), `${query}: the same notices`);
    }
    await page.close();
  });

  it("with a year chosen, reads only the shard that holds it", async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/pagefind/")) requested.push(path);
    });
    const filtered = await results(page, "bulletin", "&year=2020");
    assert.deepEqual(
      filtered,
      [5, 4, 3, 2, 1].map(
        (i) => `/en/notices/2020-0${String(i)}-1${String(i)}-bulletin-2020-${String(i)}/`,
      ),
    );
    const outside = requested.filter(
      (path) => path !== "/pagefind/shards.json" && !path.startsWith("/pagefind/en-2019/"),
    );
    assert.deepEqual(outside, [], "only the 2019-2020 shard should be read");
    await page.close();
  });

  it("ranks by relevance across shards when asked, and keeps that in the address", async () => {
    const page = await browser.newPage();
    const ranked = await results(page, "bulletin", "&sort=relevance");
    assert.equal(ranked.length, 30);
    assert.equal(ranked[0], INSISTENT, "the notice that insists on the word should rank first");
    assert.ok(ranked.includes("/en/notices/2024-05-15-bulletin-2024-5/"));

    await page.goto(`${server.url}en/search/?q=bulletin`);
    await finalStatus(page);
    await page.locator("#search-sort").selectOption({ label: "Relevance" });
    await page.waitForURL(/sort=relevance/);
    await page.locator("#search-status:not([aria-busy])").filter({ hasText: /\d/ }).waitFor();
    await page.waitForFunction(
      (url) => document.querySelector("#search-results h2 a")?.getAttribute("href")?.endsWith(url),
      INSISTENT,
    );
    await page.close();
  });

  it("re-indexes only the shard whose notices changed", async () => {
    const before = new Map<string, Buffer>();
    for (const file of (await listFiles(join(output, "pagefind"))).filter(
      (f) => !f.startsWith("en-2023/"),
    )) {
      before.set(file, await readFile(join(output, "pagefind", file)));
    }
    const edited = join(content, "en/notices/2024-02-12-bulletin-2024-2.md");
    await writeFile(
      edited,
      (await readFile(edited, "utf8")).replace("programme", "programme and a new zeppelin"),
    );
    const rebuild = await runCli("build", [
      "--content",
      content,
      "--output",
      output,
      "--shard-pages",
      SHARD_PAGES,
    ]);
    assert.equal(rebuild.code, 0, rebuild.stderr);
    assert.match(rebuild.stdout, /4 search shards, 3 kept/);
    for (const [file, bytes] of before) {
      if (file === "shards.json") continue;
      assert.ok(
        bytes.equals(await readFile(join(output, "pagefind", file))),
        `${file} should be kept as it was`,
      );
    }
    const page = await browser.newPage();
    assert.deepEqual(await results(page, "zeppelin"), ["/en/notices/2024-02-12-bulletin-2024-2/"]);
    await page.close();
  });
});
