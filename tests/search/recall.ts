/**
 * Search recall harness: builds small notice sites from the fixtures with and without the Korean
 * search terms, indexes them with Pagefind, and runs every fixture query through the real
 * pagefind.js in headless Chromium, so what is measured is what a visitor's browser would find.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { close as closePagefind, createIndex } from "pagefind";
import type { Browser } from "playwright-core";
import { normaliseQuery } from "../../src/client/query.ts";
import { searchVocabulary } from "../../src/plugins/assets.ts";
import { koreanSearchTerms, SEARCH_TERMS_META } from "../../src/search/korean-terms.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { serveStatic } from "../helpers/static-server.ts";

/** A fixture notice: one page of the test site. */
export interface FixtureNotice {
  readonly id: string;
  readonly lang: "ko" | "en";
  readonly title: string;
  readonly body: readonly string[];
}

/** A fixture query and the notices it must find; any other result is a false hit. */
export interface FixtureQuery {
  readonly lang: "ko" | "en";
  readonly query: string;
  readonly kind: string;
  readonly expect: readonly string[];
}

/** What one query returned. */
export interface QueryOutcome extends FixtureQuery {
  readonly found: readonly string[];
  readonly missed: readonly string[];
  readonly falseHits: readonly string[];
}

/** Recall over all queries of one language: found expected hits / expected hits. */
export interface LanguageScore {
  readonly queries: number;
  readonly expected: number;
  readonly found: number;
  readonly recall: number;
  readonly falseHits: number;
}

/** Results of one site build (with or without the terms). */
export interface ModeReport {
  readonly withTerms: boolean;
  readonly korean: LanguageScore;
  readonly english: LanguageScore;
  /** Bytes of the index proper: pagefind/ without the shared js, css and wasm files. */
  readonly indexBytes: number;
  readonly pages: number;
  /** Total number of terms written into the pages' metadata. */
  readonly termCount: number;
  readonly outcomes: readonly QueryOutcome[];
  /** Results whose excerpt shows text that is not in the page body (should stay empty). */
  readonly excerptLeaks: readonly string[];
  /** Results that carried the terms field in their metadata (the UI must hide it). */
  readonly resultsWithTermsMeta: number;
}

/** Both builds side by side. */
export interface RecallReport {
  readonly withoutTerms: ModeReport;
  readonly withTerms: ModeReport;
  /** Hits (notice ids per query) found only when the terms are indexed. */
  readonly foundOnlyWithTerms: readonly string[];
}

/** Options for {@link measureRecall}. */
export interface RecallOptions {
  /** Folder holding notices.json and queries.json. */
  readonly fixtures?: string;
  /** Keep the generated sites for inspection instead of deleting them. */
  readonly keepSites?: boolean;
  /** Use this browser instead of launching (and closing) one. */
  readonly browser?: Browser;
}

const DEFAULT_FIXTURES = fileURLToPath(new URL("../fixtures/korean-search/", import.meta.url));
const URL_PREFIX = "/sosik/";
/** Files every Pagefind bundle ships regardless of content; they are not index size. */
const SHARED_BUNDLE_FILE = /(\.js|\.css|\.wasm)$|^wasm\..*\.pagefind$/;

/** Reads the fixture notices and queries. */
export async function loadFixtures(
  folder: string = DEFAULT_FIXTURES,
): Promise<{ notices: FixtureNotice[]; queries: FixtureQuery[] }> {
  const notices = JSON.parse(
    await readFile(path.join(folder, "notices.json"), "utf8"),
  ) as FixtureNotice[];
  const queries = JSON.parse(
    await readFile(path.join(folder, "queries.json"), "utf8"),
  ) as FixtureQuery[];
  return { notices, queries };
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** The plain text the terms are computed from: title and body, as the build would pass it. */
export function noticePlainText(notice: FixtureNotice): string {
  return [notice.title, ...notice.body].join("\n");
}

/** A page shaped like a real notice page: site chrome outside, the notice in the indexed body. */
export function noticePage(notice: FixtureNotice, terms: readonly string[]): string {
  const content = escapeHtml(terms.join(" "));
  const termsMeta =
    terms.length > 0
      ? `\n    <meta data-pagefind-meta="${SEARCH_TERMS_META}[content]" content="${content}">`
      : "";
  const home = notice.lang === "ko" ? "소식 홈" : "News home";
  return `<!doctype html>
<html lang="${notice.lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(notice.title)}</title>${termsMeta}
  </head>
  <body>
    <header><nav><a href="${URL_PREFIX}">${home}</a></nav></header>
    <main data-pagefind-body>
      <article>
        <h1>${escapeHtml(notice.title)}</h1>
${notice.body.map((paragraph) => `        <p>${escapeHtml(paragraph)}</p>`).join("\n")}
      </article>
    </main>
    <footer><p>${notice.lang === "ko" ? "누리집 운영" : "Site operations"}</p></footer>
  </body>
</html>
`;
}

function searchPage(lang: string): string {
  return `<!doctype html>
<html lang="${lang}">
  <head><meta charset="utf-8"><title>search</title></head>
  <body></body>
</html>
`;
}

async function folderBytes(folder: string, skip: RegExp): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) total += await folderBytes(file, skip);
    else if (!skip.test(entry.name)) total += (await stat(file)).size;
  }
  return total;
}

/** Writes the notice pages of one build and indexes them; returns the page and term counts. */
async function buildSite(
  siteDir: string,
  notices: readonly FixtureNotice[],
  withTerms: boolean,
): Promise<{ pages: number; termCount: number }> {
  let termCount = 0;
  for (const notice of notices) {
    const terms = withTerms ? koreanSearchTerms(noticePlainText(notice)) : [];
    termCount += terms.length;
    const dir = path.join(siteDir, "notices", notice.id);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "index.html"), noticePage(notice, terms));
  }

  let pages: number;
  try {
    const { index, errors } = await createIndex({});
    if (errors.length > 0 || index === undefined) {
      throw new Error(`pagefind createIndex failed: ${errors.join("; ") || "no index"}`);
    }
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0)
      throw new Error(`pagefind addDirectory failed: ${added.errors.join("; ")}`);
    pages = added.page_count;
    const written = await index.writeFiles({ outputPath: path.join(siteDir, "pagefind") });
    if (written.errors.length > 0)
      throw new Error(`pagefind writeFiles failed: ${written.errors.join("; ")}`);
  } finally {
    await closePagefind();
  }

  // Search pages are written after indexing so they never become results themselves.
  for (const lang of ["ko", "en"]) {
    const dir = path.join(siteDir, "search", lang);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "index.html"), searchPage(lang));
  }
  return { pages, termCount };
}

interface BrowserHit {
  readonly url: string;
  readonly excerpt: string;
  readonly content: string;
  readonly metaKeys: readonly string[];
}

/** Runs queries through pagefind.js on a search page of the given language. */
async function runQueries(
  browser: Browser,
  pageUrl: string,
  bundleUrl: string,
  queries: readonly string[],
): Promise<BrowserHit[][]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    const response = await page.goto(pageUrl);
    if (response === null || !response.ok()) throw new Error(`could not open ${pageUrl}`);
    const hits = await page.evaluate(
      async ({ bundle, list }) => {
        interface ResultData {
          url: string;
          excerpt: string;
          content: string;
          meta: Record<string, string>;
        }
        interface Pagefind {
          search(term: string): Promise<{ results: { data(): Promise<ResultData> }[] } | null>;
        }
        const pagefind = (await import(bundle)) as Pagefind;
        const out: { url: string; excerpt: string; content: string; metaKeys: string[] }[][] = [];
        for (const query of list) {
          const search = await pagefind.search(query);
          const data = await Promise.all((search?.results ?? []).map((result) => result.data()));
          out.push(
            data.map((item) => ({
              url: item.url,
              excerpt: item.excerpt,
              content: item.content,
              metaKeys: Object.keys(item.meta),
            })),
          );
        }
        return out;
      },
      { bundle: bundleUrl, list: [...queries] },
    );
    if (problems.length > 0) throw new Error(`errors in the search page: ${problems.join("; ")}`);
    return hits;
  } finally {
    await context.close();
  }
}

function noticeId(url: string): string {
  return /\/notices\/([^/]+)\//.exec(url)?.[1] ?? url;
}

function plain(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ")
    .trim();
}

function score(outcomes: readonly QueryOutcome[]): LanguageScore {
  const expected = outcomes.reduce((sum, outcome) => sum + outcome.expect.length, 0);
  const missed = outcomes.reduce((sum, outcome) => sum + outcome.missed.length, 0);
  const falseHits = outcomes.reduce((sum, outcome) => sum + outcome.falseHits.length, 0);
  return {
    queries: outcomes.length,
    expected,
    found: expected - missed,
    recall: expected === 0 ? 1 : (expected - missed) / expected,
    falseHits,
  };
}

async function measureMode(
  browser: Browser,
  root: string,
  baseUrl: string,
  notices: readonly FixtureNotice[],
  queries: readonly FixtureQuery[],
  withTerms: boolean,
): Promise<ModeReport> {
  const name = withTerms ? "with-terms" : "without-terms";
  const siteDir = path.join(root, name);
  const { pages, termCount } = await buildSite(siteDir, notices, withTerms);
  const { endings } = searchVocabulary();
  const indexBytes = await folderBytes(path.join(siteDir, "pagefind"), SHARED_BUNDLE_FILE);

  const outcomes: QueryOutcome[] = [];
  const excerptLeaks: string[] = [];
  let resultsWithTermsMeta = 0;
  for (const lang of ["ko", "en"] as const) {
    const own = queries.filter((query) => query.lang === lang);
    const hits = await runQueries(
      browser,
      `${baseUrl}${name}/search/${lang}/`,
      `${baseUrl}${name}/pagefind/pagefind.js`,
      // As the search page sends them: Korean particles and verb endings dropped.
      own.map((query) => normaliseQuery(query.query, endings)),
    );
    own.forEach((query, i) => {
      const results = hits[i] ?? [];
      const found = results.map((hit) => noticeId(hit.url));
      for (const hit of results) {
        if (hit.metaKeys.includes(SEARCH_TERMS_META)) resultsWithTermsMeta++;
        const excerpt = plain(hit.excerpt);
        if (!plain(hit.content).includes(excerpt)) excerptLeaks.push(`${query.query}: ${excerpt}`);
      }
      outcomes.push({
        ...query,
        found,
        missed: query.expect.filter((id) => !found.includes(id)),
        falseHits: found.filter((id) => !query.expect.includes(id)),
      });
    });
  }
  return {
    withTerms,
    korean: score(outcomes.filter((outcome) => outcome.lang === "ko")),
    english: score(outcomes.filter((outcome) => outcome.lang === "en")),
    indexBytes,
    pages,
    termCount,
    outcomes,
    excerptLeaks,
    resultsWithTermsMeta,
  };
}

/** Builds the fixture site without and with the terms and measures recall, false hits and size. */
export async function measureRecall(options: RecallOptions = {}): Promise<RecallReport> {
  const { notices, queries } = await loadFixtures(options.fixtures);
  const root = await mkdtemp(path.join(os.tmpdir(), "sosik-recall-"));
  const server = await serveStatic(root, { prefix: URL_PREFIX });
  const browser = options.browser ?? (await launchBrowser());
  try {
    const withoutTerms = await measureMode(browser, root, server.url, notices, queries, false);
    const withTerms = await measureMode(browser, root, server.url, notices, queries, true);
    const foundOnlyWithTerms: string[] = [];
    withTerms.outcomes.forEach((outcome, i) => {
      const before = withoutTerms.outcomes[i]?.found ?? [];
      for (const id of outcome.found) {
        if (outcome.expect.includes(id) && !before.includes(id))
          foundOnlyWithTerms.push(`${outcome.query} -> ${id}`);
      }
    });
    return { withoutTerms, withTerms, foundOnlyWithTerms };
  } finally {
    if (options.browser === undefined) await browser.close();
    await server.close();
    if (options.keepSites !== true) await rm(root, { recursive: true, force: true });
  }
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A short human-readable summary of a report, one line per fact. */
export function formatRecallReport(report: RecallReport): string[] {
  const { withoutTerms: before, withTerms: after } = report;
  const line = (label: string, a: LanguageScore, b: LanguageScore): string =>
    `${label} recall ${percent(a.recall)} (${a.found}/${a.expected}) -> ${percent(b.recall)} ` +
    `(${b.found}/${b.expected}) with terms; false hits ${a.falseHits} -> ${b.falseHits}`;
  const lines = [
    line("Korean", before.korean, after.korean),
    line("English", before.english, after.english),
    `index ${before.indexBytes} B -> ${after.indexBytes} B with terms ` +
      `(x${(after.indexBytes / before.indexBytes).toFixed(2)}, ${after.termCount} terms on ${after.pages} pages)`,
    `found only with terms: ${report.foundOnlyWithTerms.length}; excerpts showing text outside ` +
      `the body: ${after.excerptLeaks.length}; results carrying the terms field: ` +
      `${after.resultsWithTermsMeta} (the UI must hide it)`,
  ];
  for (const outcome of after.outcomes) {
    if (outcome.missed.length > 0 || outcome.falseHits.length > 0) {
      lines.push(
        `  [${outcome.kind}] "${outcome.query}" missed ${outcome.missed.join(",") || "-"}, ` +
          `false hits ${outcome.falseHits.join(",") || "-"}`,
      );
    }
  }
  return lines;
}
