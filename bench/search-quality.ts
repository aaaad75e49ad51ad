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
import { indexedWords, normaliseQuery, queryWords, stemOf } from "../src/client/query.ts";
import { searchVocabulary } from "../src/plugins/assets.ts";
import { SEARCH_TERMS_META } from "../src/search/korean-terms.ts";
import { launchBrowser } from "../tests/helpers/browser.ts";
import { serveStatic } from "../tests/helpers/static-server.ts";
import { EN_RARE_WORDS, EN_WORDS, KO_NOUNS, KO_RARE_NOUNS } from "./words.ts";

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
  /** The stems of `words`, worked out once: 10,000 notices of 600 words each are scanned per query. */
  readonly stems: ReadonlySet<string>;
}

/**
 * Queries whose hits the page lists in a few pages of "more": enough to read every result. A
 * larger board has no word that rare in our lists, so the limit grows with it (200 at 10,000).
 */
const mostHits = (notices: number) => Math.max(40, Math.round(notices / 50));
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
      const words = indexedWords(`${text} ${terms ?? ""}`);
      const stems = new Set(words.map((word) => stemOf(word, lang)));
      notices.push({ lang, path: `${entry.name}/`, words, stems });
    }
  }
  return notices;
}

/**
 * The notices that hold every word of a query, by the search page's rule (holdsWord in
 * src/client/query.ts: a word the query word starts, or a word of the same stem).
 */
function holders(
  notices: readonly IndexedNotice[],
  lang: string,
  query: string,
  endings: readonly string[],
): Set<string> {
  const words = queryWords(normaliseQuery(query, endings));
  const holds = (word: string, notice: IndexedNotice) =>
    notice.stems.has(stemOf(word, lang)) ||
    notice.words.some((candidate) => candidate.startsWith(word));
  return new Set(
    notices
      .filter((n) => n.lang === lang && words.every((word) => holds(word, n)))
      .map((n) => n.path),
  );
}

/**
 * Our query set: corpus words with a few dozen hits at most (the common words first, then the
 * rare ones, which a board of 10,000 notices needs), Korean endings, and nonsense.
 */
function chooseQueries(
  notices: readonly IndexedNotice[],
  endings: readonly string[],
): { lang: "ko" | "en"; query: string }[] {
  const queries: { lang: "ko" | "en"; query: string }[] = [];
  const pick = (lang: "ko" | "en", words: readonly string[]) => {
    const picked: string[] = [];
    for (const word of words) {
      if (picked.length === PER_LANGUAGE) break;
      if (word.length < (lang === "ko" ? 2 : 5)) continue;
      const size = holders(notices, lang, word, endings).size;
      if (size > 0 && size <= mostHits(notices.length)) picked.push(word);
    }
    return picked;
  };
  for (const noun of pick("ko", [...KO_NOUNS, ...KO_RARE_NOUNS])) {
    queries.push({ lang: "ko", query: noun });
    for (const form of KO_FORMS) queries.push({ lang: "ko", query: noun + form });
  }
  for (const word of pick("en", [...EN_WORDS, ...EN_RARE_WORDS]))
    queries.push({ lang: "en", query: word });
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
    const endings = searchVocabulary().endings;
    for (const { lang, query } of chooseQueries(notices, endings)) {
      const expected = holders(notices, lang, query, endings);
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
