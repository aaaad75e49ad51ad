// @ts-check
// The search page: runs the query in the URL (?q=&ministry=&year=&sort=) with Pagefind's JS API
// and shows title, date, ministry and a highlighted excerpt, newest first unless the reader asks
// for relevance. Without JavaScript the form still submits as a plain GET to this page. The index
// is the one of the page's <html lang>, in shards of consecutive years (pagefind/shards.json).

const PAGE_SIZE = 10;

/** @typedef {{ url: string, excerpt: string, meta: Record<string, string | undefined> }} ResultData */
/** @typedef {{ id: string, data: () => Promise<ResultData> }} Result */
/**
 * One Pagefind index, as `createInstance` returns it.
 * @typedef {{ search: (query: string | null, options?: object) => Promise<{ results: Result[] }>, preload: (query: string, options?: object) => Promise<void>, mergeIndex: (path: string, options?: object) => Promise<void> }} PagefindInstance
 */
/** @typedef {{ createInstance: (options: object) => PagefindInstance }} PagefindModule */

/** @param {string} id */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`search page: #${id} is missing`);
  return element;
}

const form = /** @type {HTMLFormElement} */ (byId("search-form"));
const app = byId("search-app");
const status = byId("search-status");
const list = byId("search-results");
const input = /** @type {HTMLInputElement} */ (byId("search-q"));
const ministry = /** @type {HTMLSelectElement} */ (byId("search-ministry"));
const year = /** @type {HTMLSelectElement} */ (byId("search-year"));
const sort = /** @type {HTMLSelectElement} */ (byId("search-sort"));
const text = app.dataset;

/**
 * Korean particles and endings that a reader types after a noun ("행정안전부는", "주차장에서").
 * Pagefind matches query words as prefixes, so the bare noun finds every form of it.
 */
const PARTICLES = [
  "에서는",
  "에게서",
  "으로서",
  "으로써",
  "에서",
  "에게",
  "으로",
  "부터",
  "까지",
  "이나",
  "처럼",
  "보다",
  "은",
  "는",
  "이",
  "가",
  "을",
  "를",
  "의",
  "에",
  "로",
  "와",
  "과",
  "도",
  "만",
  "나",
];
const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;

/**
 * Drops a trailing particle from each Korean word of at least two syllables left.
 * @param {string} query
 */
export function normaliseQuery(query) {
  return query
    .trim()
    .split(/\s+/)
    .map((word) => {
      if (!HANGUL_WORD.test(word)) return word;
      const particle = PARTICLES.find((p) => word.endsWith(p) && word.length - p.length >= 2);
      return particle ? word.slice(0, -particle.length) : word;
    })
    .join(" ");
}

/** @param {string | undefined} template @param {Record<string, string>} values */
function fill(template, values) {
  return (template ?? "").replace(
    /\{(\w+)\}/g,
    (_, /** @type {string} */ key) => values[key] ?? "",
  );
}

/**
 * Copies Pagefind's excerpt as text, keeping only its <mark> highlights.
 * @param {string} excerpt
 */
function excerptNode(excerpt) {
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

/** @param {ResultData} data */
function resultItem(data) {
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

/** The site's root (path prefix included): this script is served from /assets/. */
const SITE_ROOT = new URL("../", import.meta.url);
const PAGE_LANG = document.documentElement.lang;

/** @typedef {{ id: string, years: [string, string] }} Shard */

/** @type {Promise<Shard[]> | undefined} */
let manifestLoading;
/** The shards of this page's language, newest first (written by the build into shards.json). */
function loadShards() {
  manifestLoading ??= fetch(new URL("pagefind/shards.json", SITE_ROOT)).then(async (response) => {
    if (!response.ok) throw new Error(`search index manifest: HTTP ${response.status}`);
    /** @type {unknown} */
    const json = await response.json();
    const manifest = /** @type {{ languages: Record<string, Shard[] | undefined> }} */ (json);
    return manifest.languages[PAGE_LANG] ?? [];
  });
  return manifestLoading;
}

/** @param {Shard} shard */
function shardPath(shard) {
  return new URL(`pagefind/${shard.id}/`, SITE_ROOT).pathname;
}

/** @type {Promise<PagefindModule> | undefined} */
let moduleLoading;
/**
 * Pagefind's script, imported once. Every shard carries the same file, so the first shard
 * searched lends its copy; instances made from one module share one web worker and one
 * compiled WebAssembly module.
 * @param {Shard} shard
 */
function loadModule(shard) {
  moduleLoading ??= import(new URL(`${shardPath(shard)}pagefind.js`, location.href).href).then(
    (/** @type {unknown} */ module) => /** @type {PagefindModule} */ (module),
  );
  return moduleLoading;
}

/** @type {Promise<unknown> | undefined} */
let firstReady;
/**
 * A new Pagefind instance over one shard, ready to search. The worker's WebAssembly glue keeps
 * a single module: instances that set it up at the same time would each instantiate one, and
 * the index of the first would be left in memory the glue no longer points to. So only the
 * first instance starts at once; the others wait until its WebAssembly is running.
 * @param {Shard} shard
 * @returns {Promise<PagefindInstance>}
 */
async function newInstance(shard) {
  const pagefind = await loadModule(shard);
  if (firstReady) await firstReady.catch(() => undefined);
  const instance = pagefind.createInstance({
    basePath: shardPath(shard),
    baseUrl: SITE_ROOT.pathname,
    excerptLength: 30,
  });
  // An empty preload returns once the instance's metadata and WebAssembly are loaded.
  const ready = instance.preload("");
  firstReady ??= ready;
  await ready;
  return instance;
}

/** @type {Map<string, Promise<PagefindInstance>>} */
const shardInstances = new Map();
/**
 * For newest first: one instance per shard, searched on its own. Merged results are re-ranked
 * by score even when sorted by date, which would undo the date order; shards hold consecutive
 * years, so results taken shard by shard from the newest are in date order.
 * @param {Shard} shard
 */
function shardInstance(shard) {
  let loading = shardInstances.get(shard.id);
  if (!loading) {
    loading = newInstance(shard);
    shardInstances.set(shard.id, loading);
    // A failed load is tried again by the next search instead of being kept.
    loading.catch(() => shardInstances.delete(shard.id));
  }
  return loading;
}

/** @type {Promise<PagefindInstance | undefined> | undefined} */
let mergedLoading;
/** For relevance: the newest shard with the older ones merged in, ranked together. */
function mergedIndex() {
  mergedLoading ??= loadShards().then(async (shards) => {
    const [newest, ...older] = shards;
    if (!newest) return undefined;
    const pagefind = await newInstance(newest);
    await Promise.all(
      older.map((shard) => pagefind.mergeIndex(shardPath(shard), { baseUrl: SITE_ROOT.pathname })),
    );
    return pagefind;
  });
  return mergedLoading;
}

/**
 * The shards a search in date order reads, newest first: with a year chosen, only the one
 * holding that year.
 * @param {Shard[]} shards @param {string} chosenYear
 */
function shardsFor(shards, chosenYear) {
  if (!chosenYear) return shards;
  return shards.filter((shard) => shard.years[0] <= chosenYear && chosenYear <= shard.years[1]);
}

/**
 * One search as the page shows it. `results` are in display order; for newest first they grow
 * shard by shard (`searched` of `shards`) as far as the pages asked for need. `count` is the
 * final count once known.
 * @typedef {{
 *   id: number,
 *   query: string,
 *   term: string | null,
 *   filters: Record<string, string[]>,
 *   shards: Shard[],
 *   searched: number,
 *   results: Result[],
 *   count: number | undefined,
 * }} View
 */

/**
 * Newest first: searches the next shards, one at a time from the newest, until `wanted`
 * results are known or no shard is left. Shards hold consecutive years, so these are exactly
 * the newest `wanted` results.
 * @param {View} view @param {number} wanted
 */
async function searchShardsUntil(view, wanted) {
  while (view.results.length < wanted && view.searched < view.shards.length) {
    const shard = /** @type {Shard} */ (view.shards[view.searched]);
    const pagefind = await shardInstance(shard);
    const { results } = await pagefind.search(view.term, {
      filters: view.filters,
      sort: { date: "desc" },
    });
    if (view.id !== runId) return;
    view.results.push(...results);
    view.searched += 1;
  }
  if (view.searched === view.shards.length) view.count = view.results.length;
}

/**
 * Newest first. The first page is shown as soon as the newest shards fill it. The final count
 * then comes from the merged index that relevance uses: it reads each older shard's metadata
 * and index chunk but not its own copy of Pagefind's WebAssembly (55 kB a shard), which a
 * separate instance would fetch. An older shard gets its own instance only when the reader
 * pages that far.
 * @param {View} view
 */
async function searchNewestFirst(view) {
  await searchShardsUntil(view, PAGE_SIZE);
  if (view.id !== runId) return;
  await showView(view);
  if (view.count !== undefined || view.id !== runId) return;
  const merged = await mergedIndex();
  const all = merged ? await merged.search(view.term, { filters: view.filters }) : undefined;
  if (view.id !== runId) return;
  view.count = all?.results.length ?? view.results.length;
  await showView(view);
}

let runId = 0;

/** Runs the search the form describes and shows the first page of results. */
async function run() {
  const id = ++runId;
  const query = input.value.trim();
  /** @type {Record<string, string[]>} */
  const filters = {};
  if (ministry.value) filters.ministry = [ministry.value];
  if (year.value) filters.year = [year.value];
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
    const shards = await loadShards();
    const byRelevance = sort.value === "relevance";
    /** @type {View} */
    const view = {
      id,
      query,
      term: query ? normaliseQuery(query) : null,
      filters,
      shards: byRelevance ? shards : shardsFor(shards, year.value),
      searched: 0,
      results: [],
      count: undefined,
    };
    if (byRelevance) {
      const merged = await mergedIndex();
      view.results = merged ? (await merged.search(view.term, { filters })).results : [];
      view.searched = view.shards.length;
      view.count = view.results.length;
      if (id === runId) await showView(view);
    } else {
      await searchNewestFirst(view);
    }
  } catch (error) {
    if (id === runId) {
      status.textContent = text.failed ?? "";
      status.removeAttribute("aria-busy");
    }
    console.error(error);
  }
}

/**
 * Brings the page up to date with `view`: the first page of results once there are any, the
 * count (final, or so far while counting) and the "more" button.
 * @param {View} view
 */
async function showView(view) {
  if (list.children.length === 0 && view.results.length > 0) {
    await showPage(view, 0);
    if (view.id !== runId) return;
  }
  const { query, count } = view;
  if (count === undefined) {
    status.textContent = fill(text.counting, { query, count: String(view.results.length) });
    return;
  }
  status.textContent =
    count === 0
      ? fill(text.noResults, { query })
      : fill(query ? text.results : text.resultsNoQuery, { query, count: String(count) });
  status.removeAttribute("aria-busy");
  updateMore(view);
}

/**
 * Appends the page of results that starts at `start`.
 * @param {View} view @param {number} start
 */
async function showPage(view, start) {
  const page = await Promise.all(view.results.slice(start, start + PAGE_SIZE).map((r) => r.data()));
  if (view.id !== runId) return;
  list.append(...page.map(resultItem));
  updateMore(view);
}

/**
 * Offers the next page while some results are not shown yet.
 * @param {View} view
 */
function updateMore(view) {
  const existing = document.getElementById("search-more");
  const known = view.count ?? view.results.length;
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
    void searchShardsUntil(view, next + PAGE_SIZE)
      .then(() => showPage(view, next))
      .then(() => {
        more.removeAttribute("aria-disabled");
        list.children[next]?.querySelector("a")?.focus();
      })
      .catch((/** @type {unknown} */ error) => {
        more.removeAttribute("aria-disabled");
        console.error(error);
      });
  });
  list.after(more);
}

/** Puts the form's state in the address, so a search can be shared as a link. */
function syncUrl() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  if (ministry.value) params.set("ministry", ministry.value);
  if (year.value) params.set("year", year.value);
  if (sort.value) params.set("sort", sort.value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function restoreFromUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  /** @param {HTMLSelectElement} select @param {string | null} value */
  const choose = (select, value) => {
    select.value = [...select.options].some((o) => o.value === value) ? (value ?? "") : "";
  };
  choose(ministry, params.get("ministry"));
  choose(year, params.get("year"));
  // Older links say sort=date for newest first, now the default: an unknown value picks it.
  choose(sort, params.get("sort"));
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
// Long enough to skip the keystrokes of a word being typed, short enough to feel immediate.
const TYPING_PAUSE_MS = 100;
let typing = 0;
input.addEventListener("input", () => {
  void preloadTyped().catch(() => undefined);
  clearTimeout(typing);
  typing = window.setTimeout(() => {
    syncUrl();
    void run();
  }, TYPING_PAUSE_MS);
});

/**
 * Loads what the first search in the chosen order needs: for newest first, the first shard
 * only (the older ones wait until a first page is on screen); for relevance, every shard.
 */
async function warmUp() {
  if (sort.value === "relevance") {
    await mergedIndex();
    return;
  }
  const [first] = shardsFor(await loadShards(), year.value);
  if (first) await shardInstance(first);
}

/**
 * While the reader types, fetches the index chunks of the words so far, so the search that runs
 * after the pause finds them loaded. A word must be long enough to narrow the chunks down:
 * two Hangul syllables, or three letters otherwise.
 */
async function preloadTyped() {
  const term = normaliseQuery(input.value);
  const last = term.split(" ").at(-1) ?? "";
  if (last.length < (HANGUL_WORD.test(last) ? 2 : 3)) return;
  if (sort.value === "relevance") {
    await (await mergedIndex())?.preload(term);
    return;
  }
  const [first] = shardsFor(await loadShards(), year.value);
  if (first) await (await shardInstance(first)).preload(term);
}

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
