/**
 * Search at scale, as a reader meets it: the built site served on loopback, the search page
 * opened in headless Chromium with an empty cache, a query typed into the search box, and the
 * time from the last keystroke until the first result shows, with every byte the page fetched
 * until then (as served, and gzipped as a real host would serve the text files).
 */
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Response } from "playwright-core";
import { chromiumPath, launchBrowser } from "../tests/helpers/browser.ts";
import { serveStatic } from "../tests/helpers/static-server.ts";
import { median } from "./measure.ts";

/** One query, measured over several cold runs. */
export interface SearchResult {
  readonly lang: "ko" | "en";
  readonly query: string;
  readonly runs: number;
  /** From the last keystroke to the first result in the list. */
  readonly medianMs: number;
  /** Bytes of every response from opening the page to the first result, as served. */
  readonly medianBytes: number;
  /** The same with text files (HTML, CSS, JS, JSON, wasm) gzipped, as hosts serve them. */
  readonly medianGzipBytes: number;
  readonly requests: number;
}

/** Queries the corpus surely holds: a noun inside Korean compounds, a common English word. */
export const SEARCH_QUERIES: readonly { readonly lang: "ko" | "en"; readonly query: string }[] = [
  { lang: "ko", query: "안전" },
  { lang: "en", query: "emergency" },
];

// A reader's pause between clicking into the box and the first key, and between keys.
const READER_PAUSE_MS = 1000;
const KEY_DELAY_MS = 60;

const COMPRESSIBLE = /\.(html|css|js|mjs|json|wasm|svg|pagefind|pf_meta)(\?|$)|\/$/;

/** True when Chromium is there to run the measurement. */
export function canMeasureSearch(): boolean {
  return existsSync(chromiumPath());
}

/** Measures each query `runs` times on the site in `siteDir`, each time with an empty cache. */
export async function measureSearch(
  siteDir: string,
  runs: number,
  pathPrefix = "/",
): Promise<SearchResult[]> {
  const server = await serveStatic(siteDir, { prefix: pathPrefix });
  const browser = await launchBrowser();
  try {
    const results: SearchResult[] = [];
    for (const { lang, query } of SEARCH_QUERIES) {
      const samples: { ms: number; bytes: number; gzipBytes: number; requests: number }[] = [];
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const responses: Response[] = [];
        page.on("response", (response) => responses.push(response));
        await page.goto(`${server.url}${lang}/search/`, { waitUntil: "load" });
        await page.evaluate(() => {
          const state = window as unknown as { firstResultAt: number; typedAt: number };
          state.firstResultAt = 0;
          state.typedAt = Number.POSITIVE_INFINITY;
          const input = document.getElementById("search-q");
          const list = document.getElementById("search-results");
          if (!input || !list)
            throw new Error("no #search-q or #search-results on the search page");
          // Registered first, so it sees each keystroke before the page's own listener.
          input.addEventListener("input", () => {
            state.typedAt = performance.now();
          });
          new MutationObserver(() => {
            const now = performance.now();
            if (state.firstResultAt === 0 && now > state.typedAt && list.querySelector("a")) {
              state.firstResultAt = now;
            }
          }).observe(list, { childList: true, subtree: true });
        });
        // As a reader does: into the box (the page may start loading its index then), a moment
        // to find the keys, then the query typed key by key; timed from the last keystroke.
        await page.focus("#search-q");
        await page.waitForTimeout(READER_PAUSE_MS);
        await page.keyboard.type(query, { delay: KEY_DELAY_MS });
        await page.waitForFunction(
          () => (window as unknown as { firstResultAt: number }).firstResultAt > 0,
          null,
          { timeout: 30_000 },
        );
        const ms = await page.evaluate(() => {
          const state = window as unknown as { firstResultAt: number; typedAt: number };
          return state.firstResultAt - state.typedAt;
        });
        let bytes = 0;
        let gzipBytes = 0;
        for (const response of [...responses]) {
          const body = await response.body().catch(() => Buffer.alloc(0));
          bytes += body.length;
          gzipBytes += COMPRESSIBLE.test(response.url())
            ? Math.min(body.length, gzipSync(body).length)
            : body.length;
        }
        samples.push({ ms, bytes, gzipBytes, requests: responses.length });
        await context.close();
      }
      results.push({
        lang,
        query,
        runs,
        medianMs: median(samples.map((s) => s.ms)),
        medianBytes: median(samples.map((s) => s.bytes)),
        medianGzipBytes: median(samples.map((s) => s.gzipBytes)),
        requests: median(samples.map((s) => s.requests)),
      });
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}
