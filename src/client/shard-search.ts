/**
 * The search index as the browser reads it: the shards of one language (written by the build,
 * `pagefind/shards.json`), one Pagefind instance per shard for newest first, and one merged
 * index for relevance. All state of one page lives in one ShardedSearch.
 */
import type { ShardEntry, ShardManifest } from "../search/index-writer.ts";

/** One result as Pagefind's search returns it; `data()` loads its fragment. */
export interface PagefindResult {
  readonly id: string;
  data(): Promise<PagefindResultData>;
}

/** A result's fragment: its URL, highlighted excerpt and metadata. */
export interface PagefindResultData {
  readonly url: string;
  readonly excerpt: string;
  readonly meta: Readonly<Record<string, string | undefined>>;
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

/** Shards a search in date order reads, newest first: with a year chosen, only its shard. */
export function shardsFor(shards: readonly ShardEntry[], year: string): readonly ShardEntry[] {
  if (!year) return shards;
  return shards.filter((shard) => shard.years[0] <= year && year <= shard.years[1]);
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
   * searched lends its copy; instances made from one module share one web worker and one
   * compiled WebAssembly module.
   */
  #loadModule(shard: ShardEntry): Promise<PagefindModule> {
    const url = new URL(`${this.#path(shard)}pagefind.js`, location.href).href;
    this.#module ??= import(url).then((module: unknown) => module as PagefindModule);
    return this.#module;
  }

  /**
   * A new Pagefind instance over one shard, ready to search. The worker's WebAssembly glue
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
    });
    // An empty preload returns once the instance's metadata and WebAssembly are loaded.
    const ready = instance.preload("");
    this.#firstReady ??= ready;
    await ready;
    return instance;
  }
}

/**
 * One search as the page shows it. `results` are in display order; for newest first they grow
 * shard by shard (`searched` of `shards`) as far as the pages asked for need. `count` is the
 * final count once known.
 */
export interface SearchRun {
  readonly query: string;
  readonly term: string | null;
  readonly filters: Record<string, string[]>;
  readonly shards: readonly ShardEntry[];
  searched: number;
  results: PagefindResult[];
  count: number | undefined;
  /** Whether a newer search replaced this one: its results are then thrown away. */
  readonly stale: () => boolean;
}

/**
 * Newest first: searches the next shards, one at a time from the newest, until `wanted`
 * results are known or no shard is left. Shards hold consecutive years, so these are exactly
 * the newest `wanted` results.
 */
export async function searchShardsUntil(
  index: ShardedSearch,
  run: SearchRun,
  wanted: number,
): Promise<void> {
  while (run.results.length < wanted && run.searched < run.shards.length) {
    const shard = run.shards[run.searched];
    if (!shard) break;
    const pagefind = await index.shard(shard);
    const { results } = await pagefind.search(run.term, {
      filters: run.filters,
      sort: { date: "desc" },
    });
    if (run.stale()) return;
    run.results.push(...results);
    run.searched += 1;
  }
  if (run.searched === run.shards.length) run.count = run.results.length;
}

/**
 * The final count of a newest-first search whose first page is shown: from the merged index
 * that relevance uses, which reads each older shard's metadata and index chunk but not its own
 * copy of Pagefind's WebAssembly (55 kB a shard), which a separate instance would fetch.
 */
export async function countAll(index: ShardedSearch, run: SearchRun): Promise<void> {
  if (run.count !== undefined) return;
  const merged = await index.merged();
  const all = merged ? await merged.search(run.term, { filters: run.filters }) : undefined;
  if (run.stale()) return;
  run.count = all?.results.length ?? run.results.length;
}

/** Relevance: every shard merged and ranked together. */
export async function searchByRelevance(index: ShardedSearch, run: SearchRun): Promise<void> {
  const merged = await index.merged();
  run.results = merged ? (await merged.search(run.term, { filters: run.filters })).results : [];
  run.searched = run.shards.length;
  run.count = run.results.length;
}
