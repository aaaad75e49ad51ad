/**
 * Writes the search index of a rendered site with Pagefind: notice pages only,
 * in shards of whole years per language (src/search/shards.ts), each built by Pagefind's own
 * binary from the written pages. The binary was measured 2.5x faster than the Node API on the
 * same pages; memory stays bounded because each process holds one shard. A shard whose indexed
 * content did not change is copied from the previous output, and kept only when every file it
 * holds matches the digest recorded when it was written (a partly restored cache, a deleted
 * file): otherwise it is indexed again. Any error, or a page count that does not match, fails
 * the build, so nothing is published half-indexed.
 */
import { execFile } from "node:child_process";
import {
  copyFile,
  link,
  mkdir,
  readFile,
  readdir,
  realpath,
  rename,
  rm,
  writeFile,
} from "node:fs/promises";
import { constants, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, availableParallelism, platform } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import { StepError, environmentError, reportedSystemError } from "../errors.ts";
import { isLang } from "../options.ts";
import type { Lang } from "../options.ts";
import {
  SHARD_PAGES,
  inParallel,
  pageDigest,
  planShards,
  sameFiles,
  shardFileDigests,
  shardFingerprint,
} from "./shards.ts";
import type { IndexedPage, Shard, ShardSize } from "./shards.ts";

const run = promisify(execFile);

/** Raised when indexing fails; the build stops and the previous site stays published. */
export class SearchIndexError extends StepError {}

/** One rendered page as Eleventy reports it in `eleventy.after`. */
export interface RenderedPage {
  readonly url: string;
  readonly content: string;
}

const shardEntrySchema = z.object({
  id: z.string(),
  years: z.tuple([z.string(), z.string()]),
  pages: z.number(),
  fingerprint: z.string(),
});
const manifestSchema = z.object({
  indexer: z.string(),
  languages: z.record(z.string(), z.array(shardEntrySchema)),
});

/** The manifest the search page reads: each language's shards, newest first. */
export interface ShardManifest {
  readonly indexer: string;
  readonly languages: Partial<Record<Lang, readonly ShardEntry[]>>;
}

/** One shard in the manifest. */
export type ShardEntry = Readonly<z.infer<typeof shardEntrySchema>>;

/** Name of the manifest file inside the /pagefind/ folder. */
export const MANIFEST = "shards.json";

const shardRecordSchema = z.object({
  fingerprint: z.string(),
  files: z.record(z.string(), z.string()),
});

/** What a build recorded of one shard's files, to verify it before a later build keeps it. */
export type ShardRecord = z.infer<typeof shardRecordSchema>;

/**
 * Name of the record of a shard's files (SHA-256 by path) inside the shard's folder. It is
 * apart from shards.json because the search page downloads shards.json before its first search,
 * and a few hundred digests a shard would make that download hundreds of times larger; the
 * browser never reads this file. One record a shard, beside its files: a kept shard's folder
 * stays byte for byte what it was, and a build reads only the records of shards it may keep.
 */
export const SHARD_RECORD = "files.json";

// A notice page of any board: `/ko/{board}/2018-07-23-slug/` (list pages have no dated slug).
const NOTICE_URL = /^\/(ko|en)\/[a-z][a-z0-9-]*\/((\d{4})-\d{2})-\d{2}-[a-z0-9-]+\/$/;

// Files of Pagefind's ready-made interfaces; the search page uses the JS API only.
const UNUSED_FILES = /^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$/;

// The pagefind package exports only its ESM entry (lib/index.js); its folder is one level up.
const PAGEFIND_PACKAGE = fileURLToPath(new URL("../package.json", import.meta.resolve("pagefind")));
const PAGEFIND_VERSION = (JSON.parse(readFileSync(PAGEFIND_PACKAGE, "utf8")) as { version: string })
  .version;
/** Identifies the indexer in fingerprints: a new Pagefind or Sosik index layout re-indexes all. */
// Layout 2 records files.json: an index of layout 1 has no digests to verify its shards by.
export const INDEXER = `pagefind ${PAGEFIND_VERSION}; sosik shards 2`;

/**
 * Pagefind processes run side by side by default: one a core, at most two. Each holds one shard
 * (SHARD_PAGES keeps that under 350 MB); at 10,000 notices two at once took the index from 34.5 s
 * to about 20 s on two cores.
 */
export const INDEX_JOBS = Math.max(1, Math.min(2, availableParallelism()));

/** Path of the Pagefind binary that ships in the platform package of the `pagefind` npm package. */
export function pagefindBinary(): string {
  const fromEnv = process.env["PAGEFIND_BINARY_PATH"];
  if (fromEnv) return fromEnv;
  const os = platform() === "win32" ? "windows" : platform();
  const suffix = os === "windows" ? ".exe" : "";
  const pagefindRequire = createRequire(PAGEFIND_PACKAGE);
  return pagefindRequire.resolve(`@pagefind/${os}-${arch()}/bin/pagefind_extended${suffix}`);
}

/** Notice pages of a build, as indexing sees them. */
export function noticePages(results: readonly RenderedPage[]): IndexedPage[] {
  return results.flatMap((result) => {
    const page = indexedPage(result.url, "");
    return page ? [{ ...page, digest: pageDigest(result.content) }] : [];
  });
}

/** A notice page of URL `url` whose search digest is `digest`; undefined for other pages. */
export function indexedPage(url: string, digest: string): IndexedPage | undefined {
  const [, lang, month, year] = NOTICE_URL.exec(url) ?? [];
  if (lang === undefined || month === undefined || year === undefined || !isLang(lang)) {
    return undefined;
  }
  return { lang, year, month, url, digest };
}

/** What one indexing run did. */
export interface IndexReport {
  readonly pages: number;
  readonly shards: number;
  readonly reused: number;
  /** Shards the previous output claimed to hold unchanged that were indexed again: damaged. */
  readonly repaired: number;
}

/**
 * Writes the search bundle of `pages` into `outputDir/pagefind/`, reusing shards of
 * `previousDir/pagefind/` whose fingerprints match and whose files match their digests.
 */
export async function writeSearchIndex(
  pages: readonly IndexedPage[],
  outputDir: string,
  previousDir?: string,
  {
    jobs = INDEX_JOBS,
    shardPages = SHARD_PAGES,
    verified,
  }: {
    jobs?: number;
    shardPages?: ShardSize;
    /** Shards of `previousDir` already found to hold their recorded files (verifiedShards). */
    verified?: ReadonlyMap<string, string>;
  } = {},
): Promise<IndexReport> {
  if (pages.length === 0)
    throw new SearchIndexError(
      "search index: no notice pages to index (publish at least one notice)",
    );
  const bundleDir = join(outputDir, "pagefind");
  await mkdir(bundleDir, { recursive: true });
  const previous = previousDir ? await previousBundle(join(previousDir, "pagefind")) : undefined;
  // The same folder (the preview indexes in place): a kept shard is verified where it is.
  const inPlace = previous?.dir === (await realpath(bundleDir));
  const shards = planShards(pages, shardPages);
  const entries = new Map<string, ShardEntry>();
  let reused = 0;
  let repaired = 0;

  const indexOne = async (shard: Shard) => {
    const fingerprint = shardFingerprint(shard, INDEXER);
    const target = join(bundleDir, shard.id);
    const first = shard.years[0] ?? "";
    entries.set(shard.id, {
      id: shard.id,
      years: [first, shard.years.at(-1) ?? first],
      pages: shard.pages.length,
      fingerprint,
    });
    if (previous && (await previous.claims(shard.id, fingerprint))) {
      // Copied first, then the copy is hashed: each kept shard is read once, and what is
      // verified is what this build publishes. A shard verified while the site was rendering
      // is linked without a second reading: its links are the very files that were hashed.
      if (
        previous.lists(shard.id, fingerprint) &&
        (inPlace || (await copied(join(previous.dir, shard.id), target))) &&
        (verified?.get(shard.id) === fingerprint || (await holdsRecordedFiles(target, fingerprint)))
      ) {
        reused += 1;
        return;
      }
      repaired += 1;
    }
    await indexShard(shard, outputDir, target, fingerprint);
  };

  const queue = [...shards];
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(jobs, queue.length)) }, async () => {
      for (let shard = queue.shift(); shard; shard = queue.shift()) await indexOne(shard);
    }),
  );

  // In place (the dev server), shards that no longer exist must go.
  for (const entry of await readdir(bundleDir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entries.has(entry.name))
      await rm(join(bundleDir, entry.name), { recursive: true });
  }
  const languages: Partial<Record<Lang, ShardEntry[]>> = {};
  for (const shard of [...shards].reverse()) {
    const entry = entries.get(shard.id);
    if (entry) (languages[shard.lang] ??= []).push(entry);
  }
  const manifest: ShardManifest = { indexer: INDEXER, languages };
  await writeFile(join(bundleDir, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  return { pages: pages.length, shards: shards.length, reused, repaired };
}

/** The search bundle of the previous output, as far as a build may reuse it. */
interface PreviousBundle {
  /** The bundle's real folder (the previous output may be a symbolic link to a folder). */
  readonly dir: string;
  /** Whether shards.json or the shard's files.json says the bundle holds the shard as it is now. */
  claims(id: string, fingerprint: string): Promise<boolean>;
  /** Whether shards.json lists the shard as it is now: a kept shard needs both records. */
  lists(id: string, fingerprint: string): boolean;
}

async function previousBundle(bundleDir: string): Promise<PreviousBundle | undefined> {
  let dir: string;
  try {
    dir = await realpath(bundleDir);
  } catch {
    return undefined;
  }
  const fingerprints = new Map(
    Object.values((await readManifest(dir))?.languages ?? {}).flatMap((entries) =>
      entries.map((e) => [e.id, e.fingerprint] as const),
    ),
  );
  const lists = (id: string, fingerprint: string) => fingerprints.get(id) === fingerprint;
  return {
    dir,
    // Either record is a claim, so a damaged shards.json or files.json is reported as damage.
    claims: async (id, fingerprint) =>
      lists(id, fingerprint) || (await readShardRecord(join(dir, id)))?.fingerprint === fingerprint,
    lists,
  };
}

/**
 * The shards of a published site's search bundle that hold exactly the files their records
 * list, by id, with the fingerprint recorded. The build runs this on the version it replaces
 * while the renderer works (file reads and hashing, on a core the renderer leaves idle), so that
 * keeping a shard afterwards is only linking it. Anything unreadable is simply not verified.
 */
export async function verifiedShards(siteDir: string): Promise<ReadonlyMap<string, string>> {
  const verified = new Map<string, string>();
  let dir: string;
  try {
    dir = await realpath(join(siteDir, "pagefind"));
  } catch {
    return verified;
  }
  const listed = Object.values((await readManifest(dir))?.languages ?? {}).flat();
  // Two shards at a time, each read 16 files at a time (inParallel): enough to keep the disk
  // busy without taking the core the renderer works on.
  await inParallel(
    listed,
    async ({ id, fingerprint }) => {
      if (await holdsRecordedFiles(join(dir, id), fingerprint)) verified.set(id, fingerprint);
    },
    2,
  );
  return verified;
}

/**
 * Whether a shard's folder holds exactly the files its record lists, each with its digest, and
 * the record is of the shard as it would be indexed now: a file missing, added or changed, or a
 * record missing, unreadable or of other pages, means the shard must be indexed again.
 */
async function holdsRecordedFiles(shardDir: string, fingerprint: string): Promise<boolean> {
  const record = await readShardRecord(shardDir);
  if (record?.fingerprint !== fingerprint) return false;
  const found = await shardFileDigests(shardDir);
  if (!found) return false;
  const files = Object.fromEntries(Object.entries(found).filter(([path]) => path !== SHARD_RECORD));
  return sameFiles(files, record.files);
}

async function indexShard(
  shard: Shard,
  siteDir: string,
  target: string,
  fingerprint: string,
): Promise<void> {
  // Written next to the shard it replaces and swapped in when complete, so a preview being
  // searched while its index is updated never meets a half-written shard.
  const fresh = `${target}.new`;
  await rm(fresh, { recursive: true, force: true });
  // Every board's notices of the shard's periods (file names are unique within a language).
  const glob = `${shard.lang}/*/{${shard.periods.join(",")}}-*/index.html`;
  try {
    await run(
      pagefindBinary(),
      ["--site", siteDir, "--glob", glob, "--output-path", fresh, "--silent"],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    // A full or read-only disk is the machine's failure, not the index's (exit 4, one line).
    const system = reportedSystemError(stderr ?? "", fresh);
    const environment = system && environmentError(system, "cannot write the search index");
    if (environment) throw environment;
    throw new SearchIndexError(
      `search index: Pagefind failed on shard ${shard.id}${stderr ? `: ${stderr}` : ""}`,
      {
        cause: error,
      },
    );
  }
  const entry = await readEntry(fresh);
  const indexed = entry?.languages[shard.lang]?.page_count;
  if (indexed !== shard.pages.length) {
    throw new SearchIndexError(
      `search index: shard ${shard.id} holds ${String(indexed ?? 0)} pages, expected ${String(shard.pages.length)}`,
    );
  }
  for (const file of await readdir(fresh)) {
    if (UNUSED_FILES.test(file)) await rm(join(fresh, file));
  }
  const files = await shardFileDigests(fresh);
  if (!files) throw new SearchIndexError(`search index: cannot read shard ${shard.id} back`);
  // Paths sorted (shardFileDigests), so the same pages write the same bytes.
  const record: ShardRecord = { fingerprint, files };
  await writeFile(join(fresh, SHARD_RECORD), `${JSON.stringify(record, null, 1)}\n`);
  await rm(target, { recursive: true, force: true });
  await rename(fresh, target);
}

/**
 * Puts a kept shard's files into the new output: hard links to the previous version's files
 * (a published version is never written again), or copies where linking is refused. Node's
 * recursive `cp` took 9 of a 10,000-notice rebuild's 21 seconds for the 11,000 files of 12
 * shards; links take a fraction of that. False when the shard cannot be read whole.
 */
async function copied(source: string, target: string): Promise<boolean> {
  try {
    await rm(target, { recursive: true, force: true });
    await mkdir(target);
    const files: string[] = [];
    for (const entry of await readdir(source, { recursive: true, withFileTypes: true })) {
      const path = relative(source, join(entry.parentPath, entry.name));
      if (entry.isDirectory()) await mkdir(join(target, path), { recursive: true });
      else if (entry.isFile()) files.push(path);
      else return false;
    }
    await inParallel(files, async (path) => {
      await link(join(source, path), join(target, path)).catch(() =>
        copyFile(join(source, path), join(target, path), constants.COPYFILE_EXCL),
      );
    });
    return true;
  } catch {
    return false;
  }
}

async function readEntry(bundle: string) {
  try {
    const text = await readFile(join(bundle, "pagefind-entry.json"), "utf8");
    return JSON.parse(text) as { languages: Record<string, { page_count: number } | undefined> };
  } catch {
    return undefined;
  }
}

/** Reads a bundle's shard manifest; undefined when there is none or it is unreadable. */
export async function readManifest(bundleDir: string): Promise<ShardManifest | undefined> {
  return readRecord(join(bundleDir, MANIFEST), manifestSchema);
}

/** Reads the record of a shard's files; undefined when there is none or it is unreadable. */
export async function readShardRecord(shardDir: string): Promise<ShardRecord | undefined> {
  return readRecord(join(shardDir, SHARD_RECORD), shardRecordSchema);
}

// A damaged record (cut short, not JSON, of another shape) only means nothing can be reused.
async function readRecord<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    const parsed = schema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
