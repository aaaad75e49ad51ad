/**
 * Splits each language's notices into search shards of whole years, so that no Pagefind process
 * holds more than a bounded number of pages, and fingerprints what each shard indexes so an
 * unchanged shard can be kept from the previous build instead of being indexed again.
 */
import { createHash } from "node:crypto";
import type { Lang } from "../options.ts";

/** At most this many pages per shard: Pagefind's memory grows with the pages of one index. */
export const MAX_SHARD_PAGES = 1000;

/** A notice page as indexing sees it. */
export interface IndexedPage {
  readonly lang: Lang;
  /** `2018`, from the slug's date. */
  readonly year: string;
  /** The page's URL path without the path prefix. */
  readonly url: string;
  /** What Pagefind reads from the page (pageDigest of its HTML). */
  readonly digest: string;
}

/** One shard: a language's notices of consecutive years. */
export interface Shard {
  /** `ko-2017`: language and first year; also the folder under /pagefind/. */
  readonly id: string;
  readonly lang: Lang;
  readonly years: readonly string[];
  readonly pages: readonly IndexedPage[];
}

/**
 * Groups pages into shards: per language, whole years from the oldest, a new shard starting
 * when the next year would take the current one past `maxPages`. Old shards keep their years
 * as new notices arrive, so their fingerprints stay the same.
 */
export function planShards(pages: readonly IndexedPage[], maxPages = MAX_SHARD_PAGES): Shard[] {
  const byLangYear = new Map<string, IndexedPage[]>();
  for (const page of pages) {
    const key = `${page.lang}\u0000${page.year}`;
    const list = byLangYear.get(key);
    if (list) list.push(page);
    else byLangYear.set(key, [page]);
  }
  const shards: Shard[] = [];
  const keys = [...byLangYear.keys()].sort();
  let current: { lang: Lang; years: string[]; pages: IndexedPage[] } | undefined;
  const flush = () => {
    if (current) {
      shards.push({ id: `${current.lang}-${current.years[0] ?? ""}`, ...current });
    }
    current = undefined;
  };
  for (const key of keys) {
    const yearPages = byLangYear.get(key) ?? [];
    const first = yearPages[0];
    if (!first) continue;
    if (
      current &&
      (current.lang !== first.lang || current.pages.length + yearPages.length > maxPages)
    ) {
      flush();
    }
    current ??= { lang: first.lang, years: [], pages: [] };
    current.years.push(first.year);
    current.pages.push(...yearPages);
  }
  flush();
  return shards;
}

const INDEXED_META = /<meta data-pagefind-[^>]*>/g;
const INDEXED_BODY = /<article\b[^>]*\bdata-pagefind-body\b[^>]*>[\s\S]*?<\/article>/;

/**
 * A digest of everything Pagefind reads from one rendered page: the `data-pagefind-*` meta tags
 * and the `data-pagefind-body` article. Links outside the article, such as previous / next, do
 * not count: they change whenever a notice is added but are not indexed.
 */
export function pageDigest(html: string): string {
  const hash = createHash("sha256");
  for (const meta of html.match(INDEXED_META) ?? []) hash.update(meta);
  hash.update(INDEXED_BODY.exec(html)?.[0] ?? html);
  return hash.digest("hex");
}

/** A digest of a shard's pages (URL, language, page digest) and of the indexer's version. */
export function shardFingerprint(shard: Shard, indexer: string): string {
  const hash = createHash("sha256").update(indexer).update("\u0000");
  const pages = [...shard.pages].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  for (const page of pages) {
    hash.update(page.url).update("\u0000").update(page.lang).update("\u0000");
    hash.update(page.digest).update("\u0000");
  }
  return hash.digest("hex");
}
