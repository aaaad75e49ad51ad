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

/** 4 English notices a year, each with the shared word "bulletin" and one word of its year. */
function corpus(): Record<string, string> {
  const files: Record<string, string> = {};
  YEARS.forEach((year, y) => {
    for (let i = 1; i <= 4; i++) {
      const slug = `${String(year)}-0${String(i)}-1${String(i)}-bulletin-${String(year)}-${String(i)}`;
      files[`en/notices/${slug}.md`] = noticeFile(
        {
          title: `"Bulletin ${String(year)} number ${String(i)}"`,
          date: `${String(year)}-0${String(i)}-1${String(i)}`,
          ministry: "MOIS",
        },
        `This bulletin covers the ${WORDS[y] ?? ""} programme of ${String(year)}.`,
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

async function results(page: Page, query: string, params = ""): Promise<string[]> {
  await page.goto(`${server.url}en/search/?q=${encodeURIComponent(query)}${params}`);
  const status =
    (await page.locator("#search-status").filter({ hasText: /\d/ }).textContent()) ?? "";
  const total = Number(/\d+/.exec(status)?.[0]);
  const shown = () => page.locator("#search-results li").count();
  const waitFor = (count: number) =>
    page.waitForFunction((n) => document.querySelectorAll("#search-results li").length >= n, count);
  await waitFor(Math.min(total, 10));
  // Follow "show more" until every result is on the page.
  while ((await shown()) < total) {
    const before = await shown();
    await page.locator("#search-more").click();
    await waitFor(before + 1);
  }
  return page
    .locator("#search-results h2 a")
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
}

describe("search over several index shards", () => {
  before(async () => {
    content = await makeContent(corpus());
    ({ output } = await buildSite(content, ["--shard-pages", "8"]));
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
        ["en-2023", ["2023", "2024"], 8],
        ["en-2021", ["2021", "2022"], 8],
        ["en-2019", ["2019", "2020"], 8],
      ],
    );
    assert.deepEqual(
      manifest.languages["ko"]?.map((s) => s.id),
      ["ko-2024"],
    );
  });

  it("ranks across shards and finds words that only an old shard holds", async () => {
    const page = await browser.newPage();
    const harbour = await results(page, "harbour");
    assert.deepEqual(
      [...harbour].sort(),
      [1, 2, 3, 4].map(
        (i) => `/en/notices/2019-0${String(i)}-1${String(i)}-bulletin-2019-${String(i)}/`,
      ),
      "a word of 2019 should find the 2019 notices, which sit in the oldest shard",
    );
    const all = await results(page, "bulletin");
    assert.equal(all.length, 24, "every notice of every shard should be found");
    assert.equal(new Set(all).size, 24, "no notice should be listed twice");
    await page.close();
  });

  it("sorts by date across shards, newest first", async () => {
    const page = await browser.newPage();
    const byDate = await results(page, "bulletin", "&sort=date");
    const days = byDate.map((url) => url.slice("/en/notices/".length, "/en/notices/".length + 10));
    assert.equal(days.length, 24);
    assert.deepEqual(
      days,
      [...days].sort().reverse(),
      "results should run from the newest to the oldest",
    );
    const filtered = await results(page, "bulletin", "&sort=date&year=2020");
    assert.equal(filtered.length, 4);
    assert.ok(filtered.every((url) => url.includes("/2020-")));
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
      "8",
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
