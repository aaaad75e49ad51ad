// @ts-check
// The search page: runs the query in the URL (?q=&ministry=&year=&sort=) with Pagefind's JS API
// and shows title, date, ministry and a highlighted excerpt. Without JavaScript the form still
// submits as a plain GET to this page. Pagefind picks the index of the page's <html lang>.

const PAGE_SIZE = 10;

/** @typedef {{ url: string, excerpt: string, meta: Record<string, string | undefined> }} ResultData */
/** @typedef {{ id: string, data: () => Promise<ResultData> }} Result */
/** @typedef {{ search: (query: string | null, options?: object) => Promise<{ results: Result[] }>, options: (options: object) => Promise<void>, init: () => Promise<void>, mergeIndex: (path: string, options?: object) => Promise<void> }} Pagefind */

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

/** @typedef {{ id: string }} Shard */

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

/**
 * Loads one shard's Pagefind. A distinct `instance` gives a separate copy of the module, so a
 * shard can be searched on its own as well as merged into another.
 * @param {string} id @param {string} instance
 * @returns {Promise<Pagefind>}
 */
async function importShard(id, instance) {
  const url = new URL(`pagefind/${id}/pagefind.js${instance ? `?${instance}` : ""}`, SITE_ROOT);
  /** @type {unknown} */
  const module = await import(url.href);
  const pagefind = /** @type {Pagefind} */ (module);
  await pagefind.options({ excerptLength: 30, baseUrl: SITE_ROOT.pathname });
  await pagefind.init();
  return pagefind;
}

/** @type {Promise<Pagefind | undefined> | undefined} */
let mergedLoading;
/** For relevance: the newest shard with the older ones merged in, ranked together. */
function mergedIndex() {
  mergedLoading ??= loadShards().then(async (shards) => {
    const [newest, ...older] = shards;
    if (!newest) return undefined;
    const pagefind = await importShard(newest.id, "");
    for (const shard of older) {
      await pagefind.mergeIndex(new URL(`pagefind/${shard.id}/`, SITE_ROOT).pathname, {
        baseUrl: SITE_ROOT.pathname,
      });
    }
    return pagefind;
  });
  return mergedLoading;
}

/** @type {Promise<Pagefind[]> | undefined} */
let separateLoading;
/**
 * For date order: one instance per shard. Merged results are re-ranked by score, which would
 * undo the date order; shards hold consecutive years, so newest-first shards in turn are in order.
 */
function separateIndexes() {
  separateLoading ??= loadShards().then((shards) =>
    Promise.all(shards.map((shard) => importShard(shard.id, "by-date"))),
  );
  return separateLoading;
}

/**
 * Runs a search over every shard of this language.
 * @param {string | null} query @param {Record<string, string[]>} filters @param {boolean} byDate
 * @returns {Promise<Result[]>}
 */
async function searchShards(query, filters, byDate) {
  if (byDate) {
    const indexes = await separateIndexes();
    const searches = await Promise.all(
      indexes.map((pagefind) => pagefind.search(query, { filters, sort: { date: "desc" } })),
    );
    return searches.flatMap((search) => search.results);
  }
  const pagefind = await mergedIndex();
  return pagefind ? (await pagefind.search(query, { filters })).results : [];
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
  if (!query && Object.keys(filters).length === 0) {
    status.textContent = "";
    return;
  }
  status.textContent = text.loading ?? "";
  try {
    const results = await searchShards(
      query ? normaliseQuery(query) : null,
      filters,
      sort.value === "date",
    );
    if (id !== runId) return;
    // The count is announced once the first results are on the page.
    await showFrom(results, 0, id);
    if (id !== runId) return;
    const count = String(results.length);
    status.textContent =
      results.length === 0
        ? fill(text.noResults, { query })
        : fill(query ? text.results : text.resultsNoQuery, { query, count });
  } catch (error) {
    if (id === runId) status.textContent = text.failed ?? "";
    console.error(error);
  }
}

/** @param {Result[]} results @param {number} start @param {number} id */
async function showFrom(results, start, id) {
  const page = await Promise.all(results.slice(start, start + PAGE_SIZE).map((r) => r.data()));
  if (id !== runId) return;
  document.getElementById("search-more")?.remove();
  list.append(...page.map(resultItem));
  if (start + PAGE_SIZE < results.length) {
    const more = document.createElement("button");
    more.type = "button";
    more.id = "search-more";
    more.className = "button";
    more.textContent = text.more ?? "";
    more.addEventListener("click", () => {
      const next = list.children.length;
      void showFrom(results, start + PAGE_SIZE, id).then(() => {
        const first = list.children[next]?.querySelector("a");
        first?.focus();
      });
    });
    list.after(more);
  }
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
const TYPING_PAUSE_MS = 150;
let typing = 0;
input.addEventListener("input", () => {
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
    void mergedIndex().catch(() => undefined);
  },
  { once: true },
);

restoreFromUrl();
void run();
