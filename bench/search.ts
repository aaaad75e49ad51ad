/**
 * Search at scale, as a reader meets it: the built site served on loopback, the search page
 * opened in headless Chromium with an empty cache, a query typed into the search box, and the
 * time from the last keystroke until the first result shows, with every byte the page fetched
 * until then (as served, and gzipped as a real host would serve the text files). Both orders
 * are measured: newest first (the default, which the targets judge) and relevance. Newest first
 * goes on searching older shards after its first page; the time and bytes until its final count
 * are recorded too.
 */
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Browser, Request } from "playwright-core";
import { chromiumPath, launchBrowser } from "../tests/helpers/browser.ts";
import { serveStatic } from "../tests/helpers/static-server.ts";
import { median } from "./measure.ts";

/** The two orders of the search page: newest first (its default) and relevance. */
export type SearchOrder = "newest" | "relevance";

/** How the bench opens the search page in each order: the address it adds to the page's. */
export const SEARCH_ORDERS: readonly { readonly order: SearchOrder; readonly params: string }[] = [
  { order: "newest", params: "" },
  { order: "relevance", params: "?sort=relevance" },
];

/** One query in one order, measured over several cold runs. */
export interface SearchResult {
  readonly lang: "ko" | "en";
  readonly query: string;
  /** Absent in results written before both orders were measured: they measured relevance. */
  readonly order?: SearchOrder;
  readonly runs: number;
  /** From the last keystroke to the first result in the list. */
  readonly medianMs: number;
  /** Bytes of every response to a request made before the first result showed, as served. */
  readonly medianBytes: number;
  /** The same with text files (HTML, CSS, JS, JSON, wasm) gzipped, as hosts serve them. */
  readonly medianGzipBytes: number;
  readonly requests: number;
  /** From the last keystroke to the final count, when it comes after the first results. */
  readonly completeMs?: number;
  /** Gzipped bytes and requests until the final count (older shards searched after). */
  readonly completeGzipBytes?: number;
  readonly completeRequests?: number;
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

/** Bytes as served and gzipped of the responses to `requests`. */
async function transferred(requests: readonly Request[]) {
  let bytes = 0;
  let gzipBytes = 0;
  for (const request of requests) {
    const response = await request.response().catch(() => null);
    const body = (await response?.body().catch(() => undefined)) ?? Buffer.alloc(0);
    bytes += body.length;
    gzipBytes += COMPRESSIBLE.test(request.url())
      ? Math.min(body.length, gzipSync(body).length)
      : body.length;
  }
  return { bytes, gzipBytes };
}

/**
 * Measures each query in each order `runs` times on the site in `siteDir`, each time with an
 * empty cache.
 */
export async function measureSearch(
  siteDir: string,
  runs: number,
  pathPrefix = "/",
  orders = SEARCH_ORDERS,
): Promise<SearchResult[]> {
  const server = await serveStatic(siteDir, { prefix: pathPrefix });
  const browser = await launchBrowser();
  try {
    const results: SearchResult[] = [];
    for (const { order, params } of orders) {
      for (const { lang, query } of SEARCH_QUERIES) {
        const samples: Sample[] = [];
        for (let run = 0; run < runs; run++) {
          samples.push(await measureOnce(browser, `${server.url}${lang}/search/${params}`, query));
        }
        const completes = samples.flatMap((s) => (s.complete ? [s.complete] : []));
        results.push({
          lang,
          query,
          order,
          runs,
          medianMs: median(samples.map((s) => s.ms)),
          medianBytes: median(samples.map((s) => s.bytes)),
          medianGzipBytes: median(samples.map((s) => s.gzipBytes)),
          requests: median(samples.map((s) => s.requests)),
          ...(completes.length === samples.length
            ? {
                completeMs: median(completes.map((c) => c.ms)),
                completeGzipBytes: median(completes.map((c) => c.gzipBytes)),
                completeRequests: median(completes.map((c) => c.requests)),
              }
            : {}),
        });
      }
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** What the page records for the bench, on its window. */
interface BenchState {
  firstResultAt: number;
  typedAt: number;
  busyAtFirst: boolean;
  countedAt: number;
}

interface Sample {
  readonly ms: number;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly requests: number;
  readonly complete?: {
    readonly ms: number;
    readonly gzipBytes: number;
    readonly requests: number;
  };
}

async function measureOnce(browser: Browser, url: string, query: string): Promise<Sample> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on("request", (request) => requests.push(request));
    // Called by the page the moment the first result is in the list: older shards are searched
    // right after, and their requests do not count towards the first results.
    let beforeFirst: Request[] | undefined;
    await page.exposeFunction("benchFirstResult", () => {
      beforeFirst ??= [...requests];
    });
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate((typed: string) => {
      const state = window as unknown as BenchState & { benchFirstResult: () => void };
      state.firstResultAt = 0;
      state.countedAt = 0;
      state.busyAtFirst = false;
      state.typedAt = Number.POSITIVE_INFINITY;
      const input = document.getElementById("search-q");
      const list = document.getElementById("search-results");
      const status = document.getElementById("search-status");
      if (!input || !list || !status)
        throw new Error("no #search-q, #search-results or #search-status on the search page");
      // Registered first, so it sees each keystroke before the page's own listener.
      input.addEventListener("input", () => {
        state.typedAt = performance.now();
      });
      new MutationObserver(() => {
        const now = performance.now();
        // Results of a partial query ("emergen") may arrive between two keystrokes: only the
        // whole query's count, else the time would be taken before the last key.
        const whole = (input as HTMLInputElement).value === typed;
        if (state.firstResultAt === 0 && whole && now > state.typedAt && list.querySelector("a")) {
          state.firstResultAt = now;
          // A busy status means the count is not final yet: older shards are still searched.
          state.busyAtFirst = status.getAttribute("aria-busy") === "true";
          state.benchFirstResult();
        }
      }).observe(list, { childList: true, subtree: true });
      new MutationObserver(() => {
        if (state.busyAtFirst && state.countedAt === 0 && !status.hasAttribute("aria-busy")) {
          state.countedAt = performance.now();
        }
      }).observe(status, { attributes: true });
    }, query);
    // As a reader does: into the box (the page may start loading its index then), a moment
    // to find the keys, then the query typed key by key; timed from the last keystroke.
    await page.focus("#search-q");
    await page.waitForTimeout(READER_PAUSE_MS);
    await page.keyboard.type(query, { delay: KEY_DELAY_MS });
    await page.waitForFunction(() => (window as unknown as BenchState).firstResultAt > 0, null, {
      timeout: 30_000,
    });
    const state = await page.evaluate(() => {
      const { firstResultAt, typedAt, busyAtFirst } = window as unknown as BenchState;
      return { ms: firstResultAt - typedAt, busyAtFirst };
    });
    const ms = state.ms;
    let countedMs: number | undefined;
    if (state.busyAtFirst) {
      await page.waitForFunction(() => (window as unknown as BenchState).countedAt > 0, null, {
        timeout: 60_000,
      });
      countedMs = await page.evaluate(() => {
        const { countedAt, typedAt } = window as unknown as BenchState;
        return countedAt - typedAt;
      });
    }
    const first = beforeFirst ?? [...requests];
    const { bytes, gzipBytes } = await transferred(first);
    const sample = { ms, bytes, gzipBytes, requests: first.length };
    if (countedMs === undefined) return sample;
    const all = [...requests];
    return {
      ...sample,
      complete: {
        ms: countedMs,
        gzipBytes: (await transferred(all)).gzipBytes,
        requests: all.length,
      },
    };
  } finally {
    await context.close();
  }
}
