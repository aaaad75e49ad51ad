/**
 * The search index as the browser reads it: the shards of one language (written by the build,
 * `pagefind/shards.json`), one Pagefind instance per shard for newest first, and one merged
 * index for relevance. All state of one page lives in one ShardedSearch.
 */
import type { ShardEntry, ShardManifest } from "../search/index-writer.ts";
import { findsLongerWords, holdsWord, indexedWords, isHangulWord, pagefindKnows } from "./query.ts";
import { periodYears, resultDay } from "./search-options.ts";
import type { DayRange } from "./search-options.ts";

/** One result as Pagefind's search returns it; `data()` loads its fragment. */
export interface PagefindResult {
  readonly id: string;
  /** Where in the page's content the query's words were found; empty for a match in metadata. */
  readonly words: readonly number[];
  data(): Promise<PagefindResultData>;
}

/** A result's fragment: its URL, text, highlighted excerpt, metadata and filters. */
export interface PagefindResultData {
  readonly url: string;
  readonly content: string;
  readonly excerpt: string;
  readonly meta: Readonly<Record<string, string | undefined>>;
  readonly filters: Readonly<Record<string, readonly string[] | undefined>>;
}

/** Options of one Pagefind search. */
interface PagefindSearchOptions {
  readonly filters: Record<string, string[]>;
  readonly sort?: Record<string, "asc" | "desc">;
}

/** One Pagefind index, as `createInstance` returns it. */
interface PagefindInstance {
  search(
    term: string | null,
    options?: PagefindSearchOptions,
  ): Promise<{ results: PagefindResult[] }>;
  preload(term: string, options?: object): Promise<void>;
  mergeIndex(path: string, options?: object): Promise<void>;
}

/** Pagefind's script module. */
interface PagefindModule {
  createInstance(options: object): PagefindInstance;
}

/**
 * Shards a search in date order reads, newest first: with a year chosen, only its shard; with
 * a period, only the shards whose years overlap it.
 */
export function shardsFor(
  shards: readonly ShardEntry[],
  year: string,
  period?: DayRange,
): readonly ShardEntry[] {
  let chosen = shards;
  if (year) chosen = chosen.filter((shard) => shard.years[0] <= year && year <= shard.years[1]);
  if (period) {
    const [first, last] = periodYears(period);
    chosen = chosen.filter((shard) => shard.years[0] <= last && first <= shard.years[1]);
  }
  return chosen;
}

/** The first index of `results` for which `past` holds, `past` being false then true. */
async function boundary(
  results: readonly PagefindResult[],
  past: (day: string) => boolean,
): Promise<number> {
  let low = 0;
  let high = results.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const data = await results[middle]?.data();
    if (past(resultDay(data?.meta.date))) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The results of one period among results sorted newest first. Pagefind filters by whole
 * values only, and the date is in each result's fragment: rather than load every fragment, two
 * binary searches find where the period starts and ends, loading about 2 log2(n) fragments.
 */
export async function withinPeriod(
  results: readonly PagefindResult[],
  period: DayRange | undefined,
): Promise<PagefindResult[]> {
  if (!period || results.length === 0) return [...results];
  const start = await boundary(results, (day) => day <= period.last);
  const end = await boundary(results, (day) => day < period.first);
  return results.slice(start, Math.max(start, end));
}

/** The search index of one page's language, loaded as far as the searches so far needed. */
export class ShardedSearch {
  readonly #root: URL;
  readonly #lang: string;
  #manifest: Promise<readonly ShardEntry[]> | undefined;
  #module: Promise<PagefindModule> | undefined;
  #firstReady: Promise<unknown> | undefined;
  readonly #instances = new Map<string, Promise<PagefindInstance>>();
  #merged: Promise<PagefindInstance | undefined> | undefined;

  /** `root` is the site's root URL (path prefix included); `lang` the page's language. */
  constructor(root: URL, lang: string) {
    this.#root = root;
    this.#lang = lang;
  }

  /** The shards of this page's language, newest first. */
  shards(): Promise<readonly ShardEntry[]> {
    this.#manifest ??= fetch(new URL("pagefind/shards.json", this.#root)).then(async (response) => {
      if (!response.ok) throw new Error(`search index manifest: HTTP ${response.status}`);
      const manifest = (await response.json()) as ShardManifest;
      return (
        (manifest.languages as Record<string, readonly ShardEntry[] | undefined>)[this.#lang] ?? []
      );
    });
    return this.#manifest;
  }

  /**
   * For newest first: one instance per shard, searched on its own. Merged results are
   * re-ranked by score even when sorted by date, which would undo the date order; shards hold
   * consecutive years, so results taken shard by shard from the newest are in date order.
   */
  shard(shard: ShardEntry): Promise<PagefindInstance> {
    let loading = this.#instances.get(shard.id);
    if (!loading) {
      loading = this.#newInstance(shard);
      this.#instances.set(shard.id, loading);
      // A failed load is tried again by the next search instead of being kept.
      loading.catch(() => this.#instances.delete(shard.id));
    }
    return loading;
  }

  /** For relevance: the newest shard with the older ones merged in, ranked together. */
  merged(): Promise<PagefindInstance | undefined> {
    this.#merged ??= this.shards().then(async (shards) => {
      const [newest, ...older] = shards;
      if (!newest) return undefined;
      const pagefind = await this.#newInstance(newest);
      const baseUrl = this.#root.pathname;
      await Promise.all(older.map((shard) => pagefind.mergeIndex(this.#path(shard), { baseUrl })));
      return pagefind;
    });
    return this.#merged;
  }

  #path(shard: ShardEntry): string {
    return new URL(`pagefind/${shard.id}/`, this.#root).pathname;
  }

  /**
   * Pagefind's script, imported once. Every shard carries the same file, so the first shard
   * searched lends its copy; instances made from one module share one compiled WebAssembly
   * module.
   */
  #loadModule(shard: ShardEntry): Promise<PagefindModule> {
    const url = new URL(`${this.#path(shard)}pagefind.js`, location.href).href;
    this.#module ??= import(url).then((module: unknown) => module as PagefindModule);
    return this.#module;
  }

  /**
   * A new Pagefind instance over one shard, ready to search. Pagefind's WebAssembly glue
   * keeps a single module: instances that set it up at the same time would each instantiate
   * one, and the index of the first would be left in memory the glue no longer points to. So
   * only the first instance starts at once; the others wait until its WebAssembly is running.
   */
  async #newInstance(shard: ShardEntry): Promise<PagefindInstance> {
    const pagefind = await this.#loadModule(shard);
    if (this.#firstReady) await this.#firstReady.catch(() => undefined);
    const instance = pagefind.createInstance({
      basePath: this.#path(shard),
      baseUrl: this.#root.pathname,
      excerptLength: 30,
      // Searched on the page itself, not in Pagefind's web worker: the worker's script is
      // 12.4 kB gzipped and one more request before the first result, and searching a shard
      // takes a few milliseconds. Measured at 1,000 notices (Chromium, 5 runs, cold cache):
      // "안전" 154 kB / 260 ms with the worker, 141 kB / 233 ms without.
      noWorker: true,
    });
    // An empty preload returns once the instance's metadata and WebAssembly are loaded.
    const ready = instance.preload("");
    this.#firstReady ??= ready;
    await ready;
    return instance;
  }
}

/** The metadata field of a Korean page's added terms: SEARCH_TERMS_META of the indexer. */
export const TERMS_META = "terms";

/**
 * The words a hit may hold a query word in, as Pagefind indexed them: the result's text (its
 * title and body) and, for a Korean page, its added terms. The other metadata Pagefind
 * searches (the ministry's name, the summary) does not make a hit.
 */
export function resultWords(data: PagefindResultData): string[] {
  return indexedWords(`${data.content} ${data.meta[TERMS_META] ?? ""}`);
}

/** The results of one query word in one index, as far as they are hits. */
interface WordMatches {
  /** The ids of results that hold the word. */
  readonly hits: ReadonlySet<string>;
  /** The ids of results that hold the word whole: see `preciseSearch`. */
  readonly whole: ReadonlySet<string>;
}

const ids = (results: readonly PagefindResult[]) => new Set(results.map((result) => result.id));

/** The ids of the results whose text holds `word`, read from every result's fragment. */
async function verified(
  results: readonly PagefindResult[],
  word: string,
  lang: string,
): Promise<Set<string>> {
  const data = await Promise.all(results.map((result) => result.data()));
  const holds = data.map((item) => holdsWord(word, resultWords(item), lang));
  return new Set(results.filter((_, i) => holds[i]).map((result) => result.id));
}

/**
 * Which results of one index hold `word`, or undefined when the index does not know the word
 * (then the whole query has no hit there). The common cases cost one or two searches of the
 * word and at most one fragment: an English word with results of its own stem ("election" has
 * exact matches) cannot have fallen back; otherwise the first result tells whether Pagefind
 * knew the word or fell back to a shorter one, because all results then share that shorter word.
 */
async function wordMatches(
  pagefind: PagefindInstance,
  word: string,
  lang: string,
  filters: Record<string, string[]>,
): Promise<WordMatches | undefined> {
  const hangul = isHangulWord(word);
  const { results: all } = await pagefind.search(word, { filters });
  // Pagefind also searches the metadata: a match there has no location in the text. For a
  // Korean word that is the added terms (안전 in 행정안전부); otherwise it is the ministry's
  // name ("Safety" of the Ministry of the Interior and Safety), which is no hit.
  const results = hangul ? all : all.filter((result) => result.words.length > 0);
  const [first] = results;
  if (!first) return undefined;
  const found = ids(results);
  const longer = findsLongerWords(word, lang);
  if (!hangul) {
    const { results: exact } = await pagefind.search(`"${word}"`, { filters });
    const whole = new Set(exact.map((result) => result.id).filter((id) => found.has(id)));
    if (whole.size > 0) return { hits: longer ? found : whole, whole };
  }
  const words = resultWords(await first.data());
  if (pagefindKnows(word, words, lang) && (hangul || longer)) {
    // A Korean word is whole where the text has a word that starts with it; a match found only
    // in the terms lies inside a compound (안전 in 행정안전부) and has no location in the text.
    const whole: Set<string> = hangul
      ? ids(results.filter((result) => result.words.length > 0))
      : new Set();
    return { hits: found, whole };
  }
  // An English word with an ending and no word of its stem here ("parking" where only
  // "parkway" is) has no hit here; reading every result to find a longer word that starts
  // with it would cost a fragment a result.
  if (!hangul && !longer) return undefined;
  // Found only through a shorter stem ("electi" through "elect"): the results that truly hold
  // the word are read one by one.
  if (!holdsWord(word, words, lang)) return undefined;
  const hits = await verified(results, word, lang);
  return hits.size > 0 ? { hits, whole: new Set() } : undefined;
}

/** The hits of a query in one index, whole-word matches apart from partial ones. */
export interface PreciseResults {
  readonly whole: PagefindResult[];
  readonly partial: PagefindResult[];
}

/**
 * Searches one index and keeps only true hits: results that hold every query word (a word of
 * the text or the terms that starts with it, or has its stem). Pagefind alone would also return
 * pages found through its fallback for an unknown word, and drops an unknown word from a query
 * of several. Hits are split into whole-word matches of every word (the same word or stem; for
 * Korean, a word of the text that starts with it) and partial ones (a longer word it starts, or
 * inside a compound), each group in Pagefind's order.
 */
export async function preciseSearch(
  pagefind: PagefindInstance,
  words: readonly string[],
  lang: string,
  filters: Record<string, string[]>,
  sort?: Record<string, "asc" | "desc">,
): Promise<PreciseResults> {
  const options = sort ? { filters, sort } : { filters };
  if (words.length === 0) {
    return { whole: (await pagefind.search(null, options)).results, partial: [] };
  }
  const { results } = await pagefind.search(words.join(" "), options);
  if (results.length === 0) return { whole: [], partial: [] };
  const matches: WordMatches[] = [];
  for (const word of words) {
    const match = await wordMatches(pagefind, word, lang, filters);
    if (!match) return { whole: [], partial: [] };
    matches.push(match);
  }
  const hits = results.filter((result) => matches.every((m) => m.hits.has(result.id)));
  const isWhole = (result: PagefindResult) => matches.every((m) => m.whole.has(result.id));
  return { whole: hits.filter(isWhole), partial: hits.filter((result) => !isWhole(result)) };
}

/**
 * One search as the page shows it. `results` are in display order: for newest first, the
 * whole-word matches of the shards searched so far (`searched` of `shards`), then, once every
 * shard is searched, the partial ones. `count` is the final count once known.
 */
export interface SearchRun {
  readonly query: string;
  /** The query's words as Pagefind indexes them; empty for a search by filters only. */
  readonly words: readonly string[];
  /** The page's language, which decides how words are stemmed. */
  readonly lang: string;
  readonly filters: Record<string, string[]>;
  /** The period asked for, applied on each result's date: see `withinPeriod`. */
  readonly period?: DayRange;
  readonly shards: readonly ShardEntry[];
  searched: number;
  whole: PagefindResult[];
  partial: PagefindResult[];
  results: PagefindResult[];
  count: number | undefined;
  /** How many of `results` the page has taken to show, and how many of those it left out. */
  taken: number;
  dropped: number;
  /** Whether a newer search replaced this one: its results are then thrown away. */
  readonly stale: () => boolean;
}

/**
 * Newest first: searches the next shards, one at a time from the newest, until `wanted`
 * results are known or no shard is left. Shards hold consecutive years, so these are exactly
 * the newest `wanted` whole-word matches; partial matches follow all of them, so they are
 * shown once every shard is searched.
 */
export async function searchShardsUntil(
  index: ShardedSearch,
  run: SearchRun,
  wanted: number,
): Promise<void> {
  while (run.whole.length < wanted && run.searched < run.shards.length) {
    const shard = run.shards[run.searched];
    if (!shard) break;
    const pagefind = await index.shard(shard);
    const found = await preciseSearch(pagefind, run.words, run.lang, run.filters, {
      date: "desc",
    });
    const whole = await withinPeriod(found.whole, run.period);
    const partial = await withinPeriod(found.partial, run.period);
    if (run.stale()) return;
    run.whole.push(...whole);
    run.partial.push(...partial);
    run.searched += 1;
  }
  const done = run.searched === run.shards.length;
  run.results = done ? [...run.whole, ...run.partial] : [...run.whole];
  if (done) run.count = run.results.length;
}

/**
 * The final count of a newest-first search whose first page is shown: from the merged index
 * that relevance uses, which reads each older shard's metadata and index chunk but not its own
 * copy of Pagefind's WebAssembly (55 kB a shard), which a separate instance would fetch.
 */
export async function countAll(index: ShardedSearch, run: SearchRun): Promise<void> {
  if (run.count !== undefined) return;
  // The merged index ranks by score, so a period's results cannot be bounded there; the shards
  // that overlap the period are searched one by one instead, each in date order.
  if (run.period) {
    await searchShardsUntil(index, run, Number.POSITIVE_INFINITY);
    return;
  }
  const merged = await index.merged();
  const all = merged ? await preciseSearch(merged, run.words, run.lang, run.filters) : undefined;
  if (run.stale()) return;
  run.count = all ? all.whole.length + all.partial.length : run.results.length;
}

/**
 * Relevance: every shard merged and ranked together, whole-word matches first. With a period,
 * the shards that overlap it are first searched in date order to bound it (`withinPeriod`),
 * and the ranked results are those of that period (a result's id is its page's, the same in a
 * shard's own index and in the merged one).
 */
export async function searchByRelevance(index: ShardedSearch, run: SearchRun): Promise<void> {
  let allowed: Set<string> | undefined;
  if (run.period) {
    const dated: SearchRun = { ...run, searched: 0, whole: [], partial: [] };
    await searchShardsUntil(index, dated, Number.POSITIVE_INFINITY);
    allowed = new Set(dated.results.map((result) => result.id));
  }
  const merged = await index.merged();
  const found = merged
    ? await preciseSearch(merged, run.words, run.lang, run.filters)
    : { whole: [], partial: [] };
  const keep = (results: PagefindResult[]) =>
    allowed ? results.filter((result) => allowed.has(result.id)) : results;
  run.whole = keep(found.whole);
  run.partial = keep(found.partial);
  run.results = [...run.whole, ...run.partial];
  run.searched = run.shards.length;
  run.count = run.results.length;
}
