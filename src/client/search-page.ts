/**
 * The search page: runs the query in the URL (?q=&ministry=&year=&sort=) with Pagefind and
 * shows title, date, ministry and a highlighted excerpt, newest first unless the reader asks
 * for relevance. Without JavaScript the form still submits as a plain GET to this page.
 * Bundled by esbuild into /assets/search.js (src/plugins/assets.ts).
 */
import { fill, filtersOf, normaliseQuery, requestSearchParams, worthPreloading } from "./query.ts";
import type { SearchRequest } from "./query.ts";
import {
  ShardedSearch,
  countAll,
  searchByRelevance,
  searchShardsUntil,
  shardsFor,
} from "./shard-search.ts";
import type { PagefindResultData, SearchRun } from "./shard-search.ts";

const PAGE_SIZE = 10;
// Long enough to skip the keystrokes of a word being typed, short enough to feel immediate.
const TYPING_PAUSE_MS = 100;

/** The element with `id`, of the kind the page's markup gives it. */
function byId<T extends HTMLElement>(id: string, kind: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) throw new Error(`search page: #${id} is missing`);
  return element;
}

const form = byId("search-form", HTMLFormElement);
const app = byId("search-app", HTMLElement);
const status = byId("search-status", HTMLElement);
const list = byId("search-results", HTMLElement);
const input = byId("search-q", HTMLInputElement);
const ministry = byId("search-ministry", HTMLSelectElement);
const year = byId("search-year", HTMLSelectElement);
const sort = byId("search-sort", HTMLSelectElement);
const text = app.dataset;

/** The site's root (path prefix included): this script is served from /assets/. */
const index = new ShardedSearch(new URL("../", import.meta.url), document.documentElement.lang);

/** Counts searches, so that a slower earlier one never overwrites a newer one. */
let latest = 0;

function currentRequest(): SearchRequest {
  return { query: input.value, ministry: ministry.value, year: year.value, sort: sort.value };
}

/** Copies Pagefind's excerpt as text, keeping only its <mark> highlights. */
function excerptNode(excerpt: string): HTMLParagraphElement {
  const template = document.createElement("template");
  template.innerHTML = excerpt; // an inert template: nothing in it runs or loads
  const paragraph = document.createElement("p");
  paragraph.className = "search-excerpt";
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(document.createTextNode(node.textContent ?? ""));
    }
  }
  return paragraph;
}

function resultItem(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "search-meta";
  meta.textContent = `${text.labelDate ?? ""} : ${data.meta.date ?? ""} · ${text.labelMinistry ?? ""} : ${data.meta.ministry ?? ""}`;
  item.append(heading, meta, excerptNode(data.excerpt));
  return item;
}

/** Runs the search the form describes and shows the first page of results. */
async function run(): Promise<void> {
  const id = ++latest;
  const request = currentRequest();
  const query = request.query.trim();
  const filters = filtersOf(request);
  list.replaceChildren();
  document.getElementById("search-more")?.remove();
  if (!query && Object.keys(filters).length === 0) {
    status.removeAttribute("aria-busy");
    status.textContent = "";
    return;
  }
  // Busy until the final count: the live region then announces that once, not each step.
  status.setAttribute("aria-busy", "true");
  status.textContent = text.loading ?? "";
  try {
    const shards = await index.shards();
    const byRelevance = request.sort === "relevance";
    const search: SearchRun = {
      query,
      term: query ? normaliseQuery(query) : null,
      filters,
      shards: byRelevance ? shards : shardsFor(shards, request.year),
      searched: 0,
      results: [],
      count: undefined,
      stale: () => id !== latest,
    };
    if (byRelevance) {
      await searchByRelevance(index, search);
      if (!search.stale()) await show(search);
    } else {
      // The first page shows as soon as the newest shards fill it; the count follows.
      await searchShardsUntil(index, search, PAGE_SIZE);
      if (search.stale()) return;
      await show(search);
      if (search.count !== undefined || search.stale()) return;
      await countAll(index, search);
      if (!search.stale()) await show(search);
    }
  } catch (error) {
    if (id === latest) {
      status.textContent = text.failed ?? "";
      status.removeAttribute("aria-busy");
    }
    console.error(error);
  }
}

/**
 * Brings the page up to date with a search: the first page of results once there are any, the
 * count (final, or so far while counting) and the "more" button.
 */
async function show(search: SearchRun): Promise<void> {
  if (list.children.length === 0 && search.results.length > 0) {
    await showPage(search, 0);
    if (search.stale()) return;
  }
  const { query, count } = search;
  if (count === undefined) {
    status.textContent = fill(text.counting, { query, count: String(search.results.length) });
    return;
  }
  status.textContent =
    count === 0
      ? fill(text.noResults, { query })
      : fill(query ? text.results : text.resultsNoQuery, { query, count: String(count) });
  status.removeAttribute("aria-busy");
  updateMore(search);
}

/** Appends the page of results that starts at `start`. */
async function showPage(search: SearchRun, start: number): Promise<void> {
  const shown = search.results.slice(start, start + PAGE_SIZE);
  const page = await Promise.all(shown.map((result) => result.data()));
  if (search.stale()) return;
  list.append(...page.map(resultItem));
  updateMore(search);
}

/** Offers the next page while some results are not shown yet. */
function updateMore(search: SearchRun): void {
  const existing = document.getElementById("search-more");
  const known = search.count ?? search.results.length;
  if (list.children.length >= known) {
    existing?.remove();
    return;
  }
  if (existing) return;
  const more = document.createElement("button");
  more.type = "button";
  more.id = "search-more";
  more.className = "button";
  more.textContent = text.more ?? "";
  more.addEventListener("click", () => {
    if (more.getAttribute("aria-disabled") === "true") return;
    more.setAttribute("aria-disabled", "true");
    const next = list.children.length;
    void searchShardsUntil(index, search, next + PAGE_SIZE)
      .then(() => showPage(search, next))
      .then(() => {
        more.removeAttribute("aria-disabled");
        list.children[next]?.querySelector("a")?.focus();
      })
      .catch((error: unknown) => {
        more.removeAttribute("aria-disabled");
        console.error(error);
      });
  });
  list.after(more);
}

/** Puts the form's state in the address, so a search can be shared as a link. */
function syncUrl(): void {
  const search = requestSearchParams(currentRequest());
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function restoreFromUrl(): void {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  const choose = (select: HTMLSelectElement, value: string | null) => {
    select.value = [...select.options].some((o) => o.value === value) ? (value ?? "") : "";
  };
  choose(ministry, params.get("ministry"));
  choose(year, params.get("year"));
  // Older links say sort=date for newest first, now the default: an unknown value picks it.
  choose(sort, params.get("sort"));
}

/**
 * Loads what the first search in the chosen order needs: for newest first, the first shard
 * only (the older ones wait until a first page is on screen); for relevance, every shard.
 */
async function warmUp(): Promise<void> {
  if (sort.value === "relevance") {
    await index.merged();
    return;
  }
  const [first] = shardsFor(await index.shards(), year.value);
  if (first) await index.shard(first);
}

/** While the reader types, fetches the index chunks of the words so far. */
async function preloadTyped(): Promise<void> {
  const term = normaliseQuery(input.value);
  if (!worthPreloading(term)) return;
  if (sort.value === "relevance") {
    await (await index.merged())?.preload(term);
    return;
  }
  const [first] = shardsFor(await index.shards(), year.value);
  if (first) await (await index.shard(first)).preload(term);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  syncUrl();
  void run();
});
for (const select of [ministry, year, sort]) {
  select.addEventListener("change", () => {
    syncUrl();
    void run();
  });
}
let typing = 0;
input.addEventListener("input", () => {
  void preloadTyped().catch(() => undefined);
  clearTimeout(typing);
  typing = window.setTimeout(() => {
    syncUrl();
    void run();
  }, TYPING_PAUSE_MS);
});
// Start loading the index as soon as the reader heads for the search box, not after typing.
input.addEventListener(
  "focus",
  () => {
    void warmUp().catch(() => undefined);
  },
  { once: true },
);

restoreFromUrl();
void run();
