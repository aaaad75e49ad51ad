/**
 * The search page: runs the query in the URL (?q=&board=&ministry=&year=&sort=, and the options
 * of search-options.ts: scope=&period=&from=&to=&size=) with Pagefind and shows title, date,
 * ministry and a highlighted excerpt, newest first unless the reader asks for relevance. Only true hits are shown (see `preciseSearch`); expired notices are marked.
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
  pageSizeOf,
  periodOf,
  requestFromParams,
  scopeHolds,
  seoulToday,
} from "./search-options.ts";
import type { DayRange } from "./search-options.ts";
import {
  ShardedSearch,
  countAll,
  resultWords,
  searchByRelevance,
  searchShardsUntil,
  shardsFor,
} from "./shard-search.ts";
import type { PagefindResult, PagefindResultData, SearchRun } from "./shard-search.ts";
import { VOCABULARY } from "./vocabulary.ts";

/**
 * How many results past those shown a search by title or body checks for its count. Those
 * searches keep a result only once its fragment is read (Pagefind indexes title and body as one
 * text), so fragments are read as pages are shown, and this many more in the background: the
 * count is exact once every candidate is read, else "N+" (the matches found so far), and grows
 * exact as the reader shows more. Larger boards so never load every fragment.
 */
const CHECK_AHEAD = 50;
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
const scope = byId("search-scope", HTMLSelectElement);
const period = byId("search-period", HTMLSelectElement);
const from = byId("search-from", HTMLInputElement);
const to = byId("search-to", HTMLInputElement);
const size = byId("search-size", HTMLSelectElement);
const clearAll = byId("search-clear", HTMLAnchorElement);
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
    scope: scope.value,
    period: period.value,
    from: period.value ? "" : from.value,
    to: period.value ? "" : to.value,
    size: size.value,
  };
}

/** The period the form asks for; presets count back from today's date in Seoul. */
function currentPeriod(): DayRange | undefined {
  return periodOf(currentRequest(), seoulToday(new Date()));
}

/** A search as this page runs it: the options that are applied on results as they are read. */
interface PageRun extends SearchRun {
  readonly scope: string;
  readonly size: number;
  /** The check of each result read so far (see `check`), and its outcome once known. */
  readonly pending: Map<string, Promise<PagefindResultData | undefined>>;
  readonly known: Map<string, boolean>;
  /** Searches of further shards, one after another: the count and "more" may both ask. */
  queue: Promise<void>;
  /** Whether a search by title or body has read ahead for its count (`checkAhead`). */
  checkedAhead: boolean;
}

/** Searches further shards until `wanted` results are known, after any search under way. */
function loadUntil(search: PageRun, wanted: number): Promise<void> {
  search.queue = search.queue.then(() => searchShardsUntil(index, search, wanted));
  return search.queue;
}

/** Whether the words must lie in the title or the body only, which only a fragment tells. */
const scoped = (search: PageRun) => search.scope !== "" && search.words.length > 0;

/**
 * Reads a result's fragment once and tells whether it is shown: it holds every query word
 * (whatever the index said) where the scope asks. Undefined when it is left out.
 */
function check(search: PageRun, result: PagefindResult): Promise<PagefindResultData | undefined> {
  let pending = search.pending.get(result.id);
  if (!pending) {
    pending = result.data().then((data) => {
      const words = resultWords(data);
      const kept =
        search.words.every((word) => holdsWord(word, words, lang)) &&
        scopeHolds(
          search.words,
          { title: data.meta.title ?? "", content: data.content },
          search.scope,
          lang,
        );
      search.known.set(result.id, kept);
      return kept ? data : undefined;
    });
    search.pending.set(result.id, pending);
  }
  return pending;
}

/** For a search by title or body, checks up to CHECK_AHEAD results past those shown. */
async function checkAhead(search: PageRun): Promise<void> {
  let next = search.taken;
  const end = search.taken + CHECK_AHEAD;
  while (next < end) {
    if (next >= search.results.length) {
      if (search.searched >= search.shards.length) return;
      await loadUntil(search, search.results.length + search.size);
      if (search.stale() || next >= search.results.length) return;
    }
    const batch = search.results.slice(next, Math.min(end, next + search.size));
    next += batch.length;
    await Promise.all(batch.map((result) => check(search, result)));
    if (search.stale()) return;
  }
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
  const range = currentPeriod();
  const pageSize = pageSizeOf(request.size);
  list.replaceChildren();
  document.getElementById("search-more")?.remove();
  updateLanguageSwitch();
  if (!query && Object.keys(filters).length === 0 && !range) {
    status.removeAttribute("aria-busy");
    // Typed spaces, or sent an empty box: say what to type instead of showing nothing.
    status.textContent = request.query !== "" || asked ? (text.blank ?? "") : "";
    return;
  }
  const words = queryWords(normaliseQuery(query, VOCABULARY.endings));
  if (query && words.length === 0) {
    // Punctuation alone ("-", "#", "...") holds no word: no page holds it, while Pagefind, given
    // no word to look for, would list every page.
    status.removeAttribute("aria-busy");
    status.textContent = `${fill(text.noResults, { query })} ${text.noResultsHint ?? ""}`;
    return;
  }
  // Busy until the final count: the live region then announces that once, not each step.
  status.setAttribute("aria-busy", "true");
  status.textContent = text.loading ?? "";
  try {
    const shards = await index.shards();
    const byRelevance = request.sort === "relevance";
    const search: PageRun = {
      query,
      words,
      lang,
      filters,
      ...(range ? { period: range } : {}),
      shards: shardsFor(shards, request.year, range),
      searched: 0,
      whole: [],
      partial: [],
      results: [],
      count: undefined,
      taken: 0,
      dropped: 0,
      stale: () => id !== latest,
      scope: request.scope ?? "",
      size: pageSize,
      pending: new Map(),
      known: new Map(),
      queue: Promise.resolve(),
      checkedAhead: false,
    };
    if (byRelevance) {
      await searchByRelevance(index, search);
    } else {
      // The first page shows as soon as the newest shards fill it; the count follows.
      await loadUntil(search, pageSize);
      if (search.stale()) return;
      await show(search);
      if (search.stale()) return;
      search.queue = search.queue.then(() => countAll(index, search));
      await search.queue;
    }
    if (search.stale()) return;
    if (scoped(search)) {
      if (search.taken === 0) await showPage(search);
      await checkAhead(search);
      search.checkedAhead = true;
    }
    if (!search.stale()) await show(search);
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
async function show(search: PageRun): Promise<void> {
  if (search.taken === 0 && search.results.length > 0) {
    await showPage(search);
    if (search.stale()) return;
  }
  const { query } = search;
  const known = [...search.known.values()];
  const kept = known.filter(Boolean).length;
  search.dropped = known.length - kept;
  if (search.count === undefined || (scoped(search) && !search.checkedAhead)) {
    const soFar = String(scoped(search) ? kept : search.results.length - search.dropped);
    status.textContent = fill(text.counting, { query, count: soFar });
    return;
  }
  // The count of candidates less those read and left out; by title or body, while some are
  // not read yet (see CHECK_AHEAD), the matches so far with a "+".
  const unread = search.count - known.length;
  const count = scoped(search) && unread > 0 ? kept : search.count - search.dropped;
  const empty = emptyFilterNames();
  let message: string;
  if (scoped(search) && unread > 0 && count > 0) {
    message = fill(text.atLeast, { query, count: String(count) });
  } else if (count > 0) {
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
  // The same count again (after "more") is not announced again.
  if (status.textContent !== message) status.textContent = message;
  status.removeAttribute("aria-busy");
  updateMore(search);
}

/**
 * Appends the next page of results. Each result is checked against its own text once more, so
 * that a page never shows a result without a query word, whatever the index said.
 */
async function showPage(search: PageRun): Promise<void> {
  const items: HTMLLIElement[] = [];
  /** The result shown on its own before the rest of the first page (see below). */
  let shownFirst: string | undefined;
  const shown = () => items.length + (shownFirst === undefined ? 0 : 1);
  while (shown() < search.size) {
    if (search.taken >= search.results.length) {
      // Results left out (by scope) may leave the page short: older shards fill it.
      if (search.searched >= search.shards.length) break;
      await loadUntil(search, search.results.length + search.size);
      if (search.stale()) return;
      if (search.taken >= search.results.length) break;
    }
    const batch = search.results.slice(search.taken, search.taken + search.size - shown());
    search.taken += batch.length;
    const [head] = batch;
    if (head && batch.length > 1 && shownFirst === undefined && list.childElementCount === 0) {
      // The first result of a search is read alone and shown at once, the rest of its page
      // right after: on a slow connection the reader sees an answer after one fragment, not
      // ten (at 1,000 notices, 30 kB less before the first result for a Korean query).
      const data = await check(search, head);
      if (search.stale()) return;
      if (data) {
        list.append(resultItem(data, search.words));
        shownFirst = head.id;
        // Painted before the other fragments are asked for.
        await nextFrame();
        if (search.stale()) return;
      }
    }
    const page = await Promise.all(batch.map((result) => check(search, result)));
    if (search.stale()) return;
    page.forEach((data, i) => {
      if (data && batch[i]?.id !== shownFirst) items.push(resultItem(data, search.words));
    });
  }
  list.append(...items);
  updateMore(search);
}

/** Resolves once the browser has drawn what the page holds now. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      setTimeout(resolve, 0);
    });
  });
}

/** Offers the next page while some results are not shown yet. */
function updateMore(search: PageRun): void {
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
    void loadUntil(search, search.taken + search.size)
      .then(() => showPage(search))
      .then(async () => {
        // By title or body, the count grows exact as more results are read.
        if (scoped(search)) await show(search);
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
  const request = requestFromParams(params);
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
  choose(scope, request.scope ?? "");
  choose(period, request.period ?? "");
  choose(size, request.size ?? "");
  from.value = request.period ? "" : (request.from ?? "");
  to.value = request.period ? "" : (request.to ?? "");
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
  const [first] = shardsFor(await index.shards(), year.value, currentPeriod());
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
  const [first] = shardsFor(await index.shards(), year.value, currentPeriod());
  if (first) await (await index.shard(first)).preload(term);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  syncUrl();
  void run();
});
for (const select of [board, ministry, year, sort, scope, size]) {
  select.addEventListener("change", () => {
    syncUrl();
    void run();
  });
}
// A preset and months are two ways of giving one period: choosing one clears the other.
period.addEventListener("change", () => {
  if (period.value) from.value = to.value = "";
  syncUrl();
  void run();
});
for (const month of [from, to]) {
  month.addEventListener("change", () => {
    if (month.value) period.value = "";
    syncUrl();
    void run();
  });
}
// The link goes to the bare search page without JavaScript; with it, the form is reset here.
clearAll.addEventListener("click", (event) => {
  event.preventDefault();
  form.reset();
  for (const select of [board, ministry, year, sort, scope, period, size]) select.value = "";
  input.value = from.value = to.value = "";
  asked = false;
  history.replaceState(null, "", location.pathname);
  void run();
  input.focus();
});
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
