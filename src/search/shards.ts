/**
 * Splits each language's notices into search shards of whole years (or months, when one year is
 * too large), so that no Pagefind process
 * holds more than a bounded number of pages, and fingerprints what each shard indexes so an
 * unchanged shard can be kept from the previous build instead of being indexed again. A kept
 * shard is only trusted once each of its files matches the digest recorded when it was written.
 */
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Lang } from "../options.ts";

/**
 * At most this many pages per shard, by language: Pagefind's memory grows with the pages of one
 * index, about 0.65 MB a Korean notice page and 0.25 MB an English one (pagefind_extended 1.6 on
 * 940-page shards of the 10,000-notice bench corpus: 638 MB and 234 MB, 5.1 s and 2.2 s). Two
 * shards indexed side by side then stay under 700 MB, and re-indexing one Korean shard after an
 * edit takes about 2.6 s.
 */
export const SHARD_PAGES: Readonly<Record<Lang, number>> = { ko: 500, en: 1000 };

/** Most pages a shard: one number for every language, or one a language. */
export type ShardSize = number | Readonly<Record<Lang, number>>;

/** A notice page as indexing sees it. */
export interface IndexedPage {
  readonly lang: Lang;
  /** `2018`, from the slug's date. */
  readonly year: string;
  /** `2018-07`, from the slug's date. */
  readonly month: string;
  /** The page's URL path without the path prefix. */
  readonly url: string;
  /** What Pagefind reads from the page (pageDigest of its HTML). */
  readonly digest: string;
}

/** One shard: a language's notices of consecutive years, or of consecutive months of one year. */
export interface Shard {
  /** `ko-2017` (first year) or `ko-2025-07` (first month); also the folder under /pagefind/. */
  readonly id: string;
  readonly lang: Lang;
  readonly years: readonly string[];
  /** What the notices' slugs start with: the years, or the months of a year split up. */
  readonly periods: readonly string[];
  readonly pages: readonly IndexedPage[];
}

/**
 * Groups pages into shards: per language, whole years from the oldest, a new shard starting
 * when the next year would take the current one past its language's limit. A year that alone holds more
 * is split into shards of whole months the same way. Old shards keep their years as new notices
 * arrive, so their fingerprints stay the same.
 */
export function planShards(pages: readonly IndexedPage[], size: ShardSize = SHARD_PAGES): Shard[] {
  const limit = (lang: Lang) => (typeof size === "number" ? size : size[lang]);
  const byLangYear = groupBy(pages, (page) => `${page.lang}\u0000${page.year}`);
  const shards: Shard[] = [];
  let current: { lang: Lang; years: string[]; periods: string[]; pages: IndexedPage[] } | undefined;
  const flush = () => {
    if (current) shards.push({ id: `${current.lang}-${current.periods[0] ?? ""}`, ...current });
    current = undefined;
  };
  for (const key of [...byLangYear.keys()].sort()) {
    const yearPages = byLangYear.get(key) ?? [];
    const first = yearPages[0];
    if (!first) continue;
    const maxPages = limit(first.lang);
    if (yearPages.length > maxPages) {
      flush();
      const byMonth = groupBy(yearPages, (page) => page.month);
      for (const month of [...byMonth.keys()].sort()) {
        const monthPages = byMonth.get(month) ?? [];
        if (current && current.pages.length + monthPages.length > maxPages) flush();
        current ??= { lang: first.lang, years: [first.year], periods: [], pages: [] };
        current.periods.push(month);
        current.pages.push(...monthPages);
      }
      flush();
      continue;
    }
    if (
      current &&
      (current.lang !== first.lang || current.pages.length + yearPages.length > maxPages)
    ) {
      flush();
    }
    current ??= { lang: first.lang, years: [], periods: [], pages: [] };
    current.years.push(first.year);
    current.periods.push(first.year);
    current.pages.push(...yearPages);
  }
  flush();
  return shards;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
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

/** SHA-256 of each file of a shard's folder, by path relative to it (`/`-separated), sorted. */
export type FileDigests = Readonly<Record<string, string>>;

/**
 * The digests of every file below `dir`, or undefined when the folder cannot be read or holds
 * anything but folders and regular files (a symbolic link would make a kept shard depend on
 * what it points to). Files are read a few at a time: a shard has about a thousand small files.
 */
export async function shardFileDigests(dir: string): Promise<FileDigests | undefined> {
  try {
    const files: string[] = [];
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isDirectory()) continue;
      if (!entry.isFile()) return undefined;
      files.push(join(entry.parentPath, entry.name));
    }
    const paths = files.map((file) => relative(dir, file).split(sep).join("/")).sort();
    const found = new Map<string, string>();
    await inParallel(paths, async (path) => {
      found.set(
        path,
        createHash("sha256")
          .update(await readFile(join(dir, path)))
          .digest("hex"),
      );
    });
    // In path order, so the same files always make the same record.
    return Object.fromEntries(paths.map((path) => [path, found.get(path) ?? ""]));
  } catch {
    return undefined;
  }
}

/** Runs `work` on every item, a few at a time (file reads and links, not CPU work). */
export async function inParallel<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  atOnce = 16,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
}

/** Whether two sets of file digests name the same files with the same digests. */
export function sameFiles(a: FileDigests, b: FileDigests): boolean {
  const paths = Object.keys(a);
  return (
    paths.length === Object.keys(b).length &&
    paths.every((path) => Object.hasOwn(b, path) && a[path] === b[path])
  );
}
