/**
 * Search quality at scale: precision (the share of shown results that hold every query word in
 * their title, text or Korean terms) and recall (the share of the notices that hold them which
 * the search page shows), for a query set of our own making, run through the real search page
 * in headless Chromium on the bench's built site. The notices that hold a query are read from
 * the built notice pages themselves, by the rule the page states (src/client/query.ts).
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import * as cheerio from "cheerio";
import type { Page } from "playwright-core";
import { holdsWord, indexedWords, normaliseQuery, queryWords } from "../src/client/query.ts";
import { searchVocabulary } from "../src/plugins/assets.ts";
import { SEARCH_TERMS_META } from "../src/search/korean-terms.ts";
import { launchBrowser } from "../tests/helpers/browser.ts";
import { serveStatic } from "../tests/helpers/static-server.ts";
import { EN_WORDS, KO_NOUNS } from "./words.ts";

/** One query's outcome. */
export interface QueryQuality {
  readonly lang: "ko" | "en";
  readonly query: string;
  /** Notices that hold the query, shown results, and shown results that hold it. */
  readonly expected: number;
  readonly shown: number;
  readonly correct: number;
}

/** Precision and recall over a language's queries, with each query's outcome. */
export interface SearchQuality {
  readonly queries: readonly QueryQuality[];
  readonly precision: number;
  readonly recall: number;
}

interface IndexedNotice {
  readonly lang: "ko" | "en";
  readonly path: string;
  readonly words: readonly string[];
}

/** Queries whose hits the page lists in a few pages: enough to read every result. */
const MOST_HITS = 40;
const PER_LANGUAGE = 6;
const NONSENSE = { ko: ["감자뷁", "안전뷁"], en: ["nothingmatchesthis", "asdfgh safety"] };
// Korean endings a reader types after a noun: a particle, an adverb and a verb ending.
const KO_FORMS = ["에서", "하게", "했다"];

async function readNotices(siteDir: string): Promise<IndexedNotice[]> {
  const notices: IndexedNotice[] = [];
  for (const lang of ["ko", "en"] as const) {
    const folder = join(siteDir, lang, "notices");
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || !/^\d{4}-/.test(entry.name)) continue;
      const $ = cheerio.load(await readFile(join(folder, entry.name, "index.html"), "utf8"));
      $("[data-pagefind-body] [data-pagefind-ignore]").remove();
      const text = $("[data-pagefind-body]").text();
      const terms = $(`meta[data-pagefind-meta="${SEARCH_TERMS_META}[content]"]`).attr("content");
      notices.push({ lang, path: `${entry.name}/`, words: indexedWords(`${text} ${terms ?? ""}`) });
    }
  }
  return notices;
}

/** The notices that hold every word of a query, by the search page's rule. */
function holders(notices: readonly IndexedNotice[], lang: string, query: string): Set<string> {
  const words = queryWords(normaliseQuery(query, searchVocabulary().endings));
  return new Set(
    notices
      .filter((n) => n.lang === lang && words.every((word) => holdsWord(word, n.words, lang)))
      .map((n) => n.path),
  );
}

/** Our query set: corpus words with a few dozen hits at most, Korean endings, and nonsense. */
function chooseQueries(notices: readonly IndexedNotice[]): { lang: "ko" | "en"; query: string }[] {
  const queries: { lang: "ko" | "en"; query: string }[] = [];
  const pick = (lang: "ko" | "en", words: readonly string[]) =>
    words
      .filter((word) => word.length >= (lang === "ko" ? 2 : 5))
      .filter((word) => {
        const size = holders(notices, lang, word).size;
        return size > 0 && size <= MOST_HITS;
      })
      .slice(0, PER_LANGUAGE);
  for (const noun of pick("ko", KO_NOUNS)) {
    queries.push({ lang: "ko", query: noun });
    for (const form of KO_FORMS) queries.push({ lang: "ko", query: noun + form });
  }
  for (const word of pick("en", EN_WORDS)) queries.push({ lang: "en", query: word });
  for (const lang of ["ko", "en"] as const) {
    for (const query of NONSENSE[lang]) queries.push({ lang, query });
  }
  return queries;
}

/** Every result the search page lists for a query, following "show more" to the end. */
async function shownResults(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await page.locator("#search-status:not([aria-busy])").filter({ hasText: /\S/ }).waitFor();
  for (;;) {
    const more = page.locator("#search-more");
    if ((await more.count()) === 0) break;
    const before = await page.locator("#search-results li").count();
    await more.click();
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll("#search-results li").length > n ||
        !document.getElementById("search-more"),
      before,
    );
  }
  return page
    .locator("#search-results h2 a")
    .evaluateAll((links) =>
      links.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split("/").at(-2) ?? ""),
    )
    .then((slugs) => slugs.map((slug) => `${slug}/`));
}

/** Runs the query set on a built site and scores it. */
export async function measureSearchQuality(
  siteDir: string,
  pathPrefix = "/",
): Promise<SearchQuality> {
  const notices = await readNotices(siteDir);
  const server = await serveStatic(siteDir, { prefix: pathPrefix });
  const browser = await launchBrowser();
  const outcomes: QueryQuality[] = [];
  try {
    const page = await browser.newPage();
    for (const { lang, query } of chooseQueries(notices)) {
      const expected = holders(notices, lang, query);
      const url = `${server.url}${lang}/search/?q=${encodeURIComponent(query)}`;
      const shown = await shownResults(page, url);
      const correct = shown.filter((path) => expected.has(path)).length;
      outcomes.push({ lang, query, expected: expected.size, shown: shown.length, correct });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const sum = (key: "expected" | "shown" | "correct") =>
    outcomes.reduce((total, outcome) => total + outcome[key], 0);
  return {
    queries: outcomes,
    precision: sum("shown") === 0 ? 1 : sum("correct") / sum("shown"),
    recall: sum("expected") === 0 ? 1 : sum("correct") / sum("expected"),
  };
}

/** Markdown lines for the report. */
export function searchQualityRows(quality: SearchQuality): string[] {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  return [
    `Search quality: precision ${percent(quality.precision)}, recall ${percent(quality.recall)} over ${String(quality.queries.length)} queries`,
    "",
    "| lang | query | notices holding it | shown | shown and holding it |",
    "| --- | --- | ---: | ---: | ---: |",
    ...quality.queries.map(
      (q) =>
        `| ${q.lang} | ${q.query} | ${String(q.expected)} | ${String(q.shown)} | ${String(q.correct)} |`,
    ),
  ];
}
