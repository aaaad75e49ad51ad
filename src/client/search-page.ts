/**
 * The search page: runs the query in the URL (?q=&ministry=&year=&sort=) with Pagefind and
 * shows title, date, ministry and a highlighted excerpt, newest first unless the reader asks
 * for relevance. Only true hits are shown (see `preciseSearch`); expired notices are marked.
 * Without JavaScript the form still submits as a plain GET to this page.
 * Bundled by esbuild into /assets/search.js (src/plugins/assets.ts).
 */
import { buildExcerpt } from "./excerpt.ts";
import {
  countTemplate,
  fill,
  filtersOf,
  holdsWord,
  normaliseQuery,
  queryWords,
  requestSearchParams,
  switchSearchHref,
  worthPreloading,
} from "./query.ts";
import type { SearchRequest } from "./query.ts";
import {
  ShardedSearch,
  countAll,
  resultWords,
  searchByRelevance,
  searchShardsUntil,
  shardsFor,
} from "./shard-search.ts";
import type { PagefindResultData, SearchRun } from "./shard-search.ts";
import { VOCABULARY } from "./vocabulary.ts";

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
const board = byId("search-board", HTMLSelectElement);
const ministry = byId("search-ministry", HTMLSelectElement);
const year = byId("search-year", HTMLSelectElement);
const sort = byId("search-sort", HTMLSelectElement);
const text = app.dataset;
const lang = document.documentElement.lang;
/** The language switch (layouts/partials/base.njk), which should keep the search. */
const languageSwitch = document.querySelector<HTMLAnchorElement>(".lang-switch a[hreflang]");
const otherSearchPage = languageSwitch?.getAttribute("href") ?? "";
/** Filter choices that the address asked for but no notice has (added to the form by restoreFromUrl). */
const emptyChoices = new Set<HTMLOptionElement>();

/** The site's root (path prefix included): this script is served from /assets/. */
const index = new ShardedSearch(new URL("../", import.meta.url), lang);

/** Counts searches, so that a slower earlier one never overwrites a newer one. */
let latest = 0;

function currentRequest(): SearchRequest {
  return {
    query: input.value,
    board: board.value,
    ministry: ministry.value,
    year: year.value,
    sort: sort.value,
  };
}

/** The excerpt of a result, built from its text as text nodes and <mark> highlights. */
function excerptNode(data: PagefindResultData, words: readonly string[]): HTMLParagraphElement {
  const paragraph = document.createElement("p");
  paragraph.className = "search-excerpt";
  for (const part of buildExcerpt(data.content, data.meta.title ?? "", words, lang)) {
    if (part.mark) {
      const mark = document.createElement("mark");
      mark.textContent = part.text;
      paragraph.append(mark);
    } else {
      paragraph.append(document.createTextNode(part.text));
    }
  }
  return paragraph;
}

function resultItem(data: PagefindResultData, words: readonly string[]): HTMLLIElement {
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
  // The notice page marks expired notices with a Pagefind filter (layouts/partials/notice-page.njk).
  if (data.filters.expired?.length) {
    const expired = document.createElement("strong");
    expired.className = "search-expired";
    expired.textContent = text.expired ?? "";
    meta.append(" · ", expired);
  }
  item.append(heading, meta, excerptNode(data, words));
  return item;
}

/** The words of the choices made that no notice has, for the "no notices for ..." message. */
function emptyFilterNames(): string[] {
  return [board, ministry, year]
    .map((select) => select.selectedOptions[0])
    .filter(
      (option): option is HTMLOptionElement => option !== undefined && emptyChoices.has(option),
    )
    .map((option) => option.text);
}

/** Runs the search the form describes and shows the first page of results. */
async function run(): Promise<void> {
  const id = ++latest;
  const request = currentRequest();
  const query = request.query.trim();
  const filters = filtersOf(request);
  list.replaceChildren();
  document.getElementById("search-more")?.remove();
  updateLanguageSwitch();
  if (!query && Object.keys(filters).length === 0) {
    status.removeAttribute("aria-busy");
    // Typed spaces, or sent an empty box: say what to type instead of showing nothing.
    status.textContent = request.query !== "" || asked ? (text.blank ?? "") : "";
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
      words: queryWords(normaliseQuery(query, VOCABULARY.endings)),
      lang,
      filters,
      shards: byRelevance ? shards : shardsFor(shards, request.year),
      searched: 0,
      whole: [],
      partial: [],
      results: [],
      count: undefined,
      taken: 0,
      dropped: 0,
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
  if (search.taken === 0 && search.results.length > 0) {
    await showPage(search);
    if (search.stale()) return;
  }
  const { query } = search;
  if (search.count === undefined) {
    const soFar = String(search.results.length - search.dropped);
    status.textContent = fill(text.counting, { query, count: soFar });
    return;
  }
  const count = search.count - search.dropped;
  const empty = emptyFilterNames();
  let message: string;
  if (count > 0) {
    const templates = query
      ? { one: text.resultsOne, other: text.results }
      : { one: text.resultsNoQueryOne, other: text.resultsNoQuery };
    message = fill(countTemplate(count, lang, templates), { query, count: String(count) });
  } else if (empty.length > 0) {
    message = fill(text.filterEmpty, { filter: empty.join(", ") });
  } else if (query) {
    message = `${fill(text.noResults, { query })} ${text.noResultsHint ?? ""}`;
  } else {
    message = text.noMatchFilters ?? "";
  }
  status.textContent = message;
  status.removeAttribute("aria-busy");
  updateMore(search);
}

/**
 * Appends the next page of results. Each result is checked against its own text once more, so
 * that a page never shows a result without a query word, whatever the index said.
 */
async function showPage(search: SearchRun): Promise<void> {
  const items: HTMLLIElement[] = [];
  while (items.length < PAGE_SIZE && search.taken < search.results.length) {
    const batch = search.results.slice(search.taken, search.taken + PAGE_SIZE - items.length);
    search.taken += batch.length;
    const page = await Promise.all(batch.map((result) => result.data()));
    if (search.stale()) return;
    for (const data of page) {
      const words = resultWords(data);
      if (search.words.every((word) => holdsWord(word, words, lang))) {
        items.push(resultItem(data, search.words));
      } else {
        search.dropped += 1;
      }
    }
  }
  list.append(...items);
  updateMore(search);
}

/** Offers the next page while some results are not shown yet. */
function updateMore(search: SearchRun): void {
  const existing = document.getElementById("search-more");
  const known = search.count ?? search.results.length;
  if (search.taken >= known) {
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
    void searchShardsUntil(index, search, search.taken + PAGE_SIZE)
      .then(() => showPage(search))
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
  asked = true;
  const search = requestSearchParams(currentRequest());
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

/** Points the language switch at the other language's search for the same words and year. */
function updateLanguageSwitch(): void {
  if (languageSwitch && otherSearchPage) {
    languageSwitch.href = switchSearchHref(otherSearchPage, currentRequest());
  }
}

/** Whether the reader asked for a search: sent the form, or came with `?q=` in the address. */
let asked = false;

function restoreFromUrl(): void {
  const params = new URLSearchParams(location.search);
  asked = params.has("q");
  input.value = params.get("q") ?? "";
  const choose = (select: HTMLSelectElement, value: string | null) => {
    select.value = [...select.options].some((o) => o.value === value) ? (value ?? "") : "";
  };
  // A year or ministry that no notice has (an old link, year=2020) is kept and said so, rather
  // than quietly searching every year: it gets an option of its own.
  const keep = (select: HTMLSelectElement, value: string | null) => {
    choose(select, value);
    if (!value || select.value === value) return;
    const option = new Option(value, value, true, true);
    emptyChoices.add(option);
    select.append(option);
  };
  choose(board, params.get("board"));
  keep(ministry, params.get("ministry"));
  keep(year, params.get("year"));
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
  const term = normaliseQuery(input.value, VOCABULARY.endings);
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
for (const select of [board, ministry, year, sort]) {
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
