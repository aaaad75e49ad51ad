/**
 * Crash-safe publishing. The output path (`_site`) is a symbolic link to a complete version of
 * the site in the store beside it (`._site.sosik/site-...`). A build renders into a folder of
 * its own in the store, then points the link at it with one rename, which POSIX makes atomic:
 * a web server following the output path finds the old site or the new one, whole, whatever
 * instant the build is killed at. Every build first recovers or removes what an interrupted one
 * left. The version a build replaces is marked retired; the next build takes it over as its
 * staging folder (recycleVersion: its 11,000 folders are not made again), or, when it cannot,
 * removes it while it renders: removing a 10,000-notice version (33,000 entries) took 1.4 s of
 * an 8 s warm publish, time during which nothing else was left to do. Renaming a real folder over another
 * is not atomic on Linux or macOS (Node has no `renameat2` exchange), which is why the output is
 * a link; see README, "What a build publishes".
 */
import { randomBytes } from "node:crypto";
import {
  lstat,
  mkdir,
  readFile,
  readdir,
  rename,
  rm,
  rmdir,
  symlink,
  writeFile,
} from "node:fs/promises";
import { rmSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { environmentError } from "../errors.ts";
import { STORE_MARKER } from "./guard.ts";
import { listTree, removeTree } from "./tree.ts";
import type { Tree } from "./tree.ts";
import type { OutputTarget } from "./guard.ts";

/** One build's way to the output path, from its staging folder to the swap. */
export interface Publication {
  /** The folder the build renders into, inside the store. */
  readonly staging: string;
  /** The site published now, whose search shards a build may keep; undefined when none. */
  readonly previous: string | undefined;
  /**
   * When the staging folder is a retired version taken over (see recycleVersion): the pages
   * (`index.html` files) left in it, relative with `/`, for the renderer to keep or remove.
   */
  readonly recycled: readonly string[] | undefined;
  /** Swaps the staging folder in as the output; returns what it could not clean up. */
  publish(): Promise<PublishReport>;
  /** Removes the staging folder of a build that failed. */
  abandon(): Promise<void>;
}

/** What publishing left for the operator to look at. */
export interface PublishReport {
  /** One line for each earlier version kept because it holds files Sosik did not write. */
  readonly kept: readonly string[];
}

const MARKER_TEXT =
  "This folder holds the versions of a site published by Sosik; the output path is a link to\n" +
  "one of them. Sosik removes versions it no longer publishes. Do not put files here.\n";

/**
 * Store entries: `building-PID-X/`, `site-PID-X/` with `site-PID-X.files` (its file list) and
 * `site-PID-X.cache` (src/output/render-cache.ts), `link-PID-X`, `retired-PID-X` (an empty file:
 * version `site-PID-X` is no longer published and no build owns it), and `.tmp` files being
 * written.
 */
const ENTRY = /^(building|site|link|legacy|retired)-(\d+-[0-9a-f]+)(\.(?:files|cache)(?:\.tmp)?)?$/;

/** Prepares a build's publication: makes the store, recovers leftovers, makes a staging folder. */
export async function startPublication(
  requested: OutputTarget,
  surveyed?: Promise<RetiredVersion | undefined>,
): Promise<Publication> {
  const { store } = requested;
  await ensureStore(store);
  const target = await restoreMissingOutput(requested);
  const id = `${String(process.pid)}-${randomBytes(4).toString("hex")}`;
  const staging = join(store, `building-${id}`);
  // A retired version is taken over as the staging folder, its folders kept; removed otherwise,
  // while this build renders (recover, below).
  const recycling = await recycleVersion(target, staging, surveyed);
  const removing = Promise.all([recover(target), recycling?.removing ?? []]).then(([kept]) => kept);
  removing.catch(() => undefined);
  if (!recycling) {
    await environment(() => mkdir(staging), "cannot create the build folder", staging);
  }
  const previous =
    target.state.kind === "missing" || isEmptyFolder(target) ? undefined : target.path;

  return {
    staging,
    previous,
    recycled: recycling?.pages,
    async publish() {
      // A version that could not be removed stops the build before anything is published.
      const kept = await removing;
      const version = join(store, `site-${id}`);
      const tree = await environment(() => listTree(staging), "cannot list", staging);
      // A taken-over version may hold folders whose files went with its pages (a deleted notice).
      if (recycling) await removeEmptyFolders(staging, tree);
      await writeFileList(tree.files, `${version}.files`);
      // What the renderer recorded for the next build (src/output/render-cache.ts), if anything.
      const cache = `${staging}.cache`;
      if (await exists(cache)) {
        await environment(() => rename(cache, `${version}.cache`), "cannot publish", cache);
      }
      await environment(() => rename(staging, version), "cannot publish", version);
      await pointOutputAt(target, version, id);
      const old = target.state.kind === "version" ? target.state.version : undefined;
      const notRetired = old && old !== version ? await retireVersion(old) : undefined;
      return { kept: [...kept, ...(notRetired ? [notRetired] : [])] };
    },
    async abandon() {
      // When a page fails, Eleventy rejects at once while other pages may still be writing:
      // remove again once every pending write is done, and leave the rest to the next build.
      const removal = { recursive: true, force: true, maxRetries: 5, retryDelay: 50 };
      const cache = `${staging}.cache`;
      await removing.catch(() => undefined);
      await rm(staging, removal).catch(() => undefined);
      // The cache the renderer was writing (src/output/render-cache.ts), finished or not.
      const caches = [cache, `${cache}.tmp`];
      for (const file of caches) await rm(file, { force: true }).catch(() => undefined);
      process.once("beforeExit", () => {
        try {
          rmSync(staging, removal);
          for (const file of caches) rmSync(file, { force: true });
        } catch {
          // The next build removes it.
        }
      });
    },
  };
}

/**
 * Takes over a retired version as the staging folder `staging`, so that the build makes none of
 * its folders again: one a notice, and making 11,000 of them took 3 to 5 s of a warm publish at
 * 10,000 notices on a machine of the bench (its disk makes each new inode cost about 0.3 ms;
 * a hard link into an existing folder costs a tenth of that). Only a version that holds nothing
 * but the files Sosik listed for it is taken; its files are shared, as hard links, with the
 * versions published after it, so none of them may be written again:
 *
 * - every file but the pages (`index.html`) is removed here, before the renderer starts, and the
 *   search index's folder is moved out of the way, to be removed while the build renders;
 * - the pages left are handed to the renderer (`pages`), which removes those it renders again or
 *   no longer publishes once its plan is made, before anything is written, and links the ones it
 *   keeps again where they are not the published version's file already (render-cache.ts);
 * - folders left empty are removed before the version is published.
 *
 * Undefined when there is no such version; the build then starts in a new folder.
 */
async function recycleVersion(
  target: OutputTarget,
  staging: string,
  surveyed: Promise<RetiredVersion | undefined> | undefined,
): Promise<{ pages: string[]; removing: Promise<void> } | undefined> {
  const { store } = target;
  const current = target.state.kind === "version" ? basename(target.state.version) : undefined;
  const first = await surveyed?.catch(() => undefined);
  if (first && first.name !== current && (await takeOver(first, staging))) {
    return emptied(first, target, staging);
  }
  const entries = await environment(() => readdir(store), "cannot list", store);
  for (const entry of entries.sort().reverse()) {
    const candidate = await retiredVersion(store, entry, current);
    if (candidate && (await takeOver(candidate, staging))) {
      return emptied(candidate, target, staging);
    }
  }
  return undefined;
}

/** A retired version that holds nothing but the files Sosik listed for it. */
export interface RetiredVersion {
  /** Its mark in the store (`retired-ID`). */
  readonly entry: string;
  /** Its folder's name (`site-ID`). */
  readonly name: string;
  /** Its folder. */
  readonly version: string;
  readonly tree: Tree;
}

/**
 * The newest retired version a build may take over (recycleVersion), found without writing
 * anything: a build looks for it while its content is validated, which takes longer than this
 * walk of the version's 11,000 folders (0.5 to 0.7 s at 10,000 notices), and takes it over
 * only once the content is valid. Undefined when there is none, or the store cannot be read
 * (the build looks again then, and reports what fails).
 */
export async function surveyRetired(target: OutputTarget): Promise<RetiredVersion | undefined> {
  const current = target.state.kind === "version" ? basename(target.state.version) : undefined;
  const entries = await readdir(target.store).catch(() => [] as string[]);
  for (const entry of entries.sort().reverse()) {
    const candidate = await retiredVersion(target.store, entry, current).catch(() => undefined);
    if (candidate) return candidate;
  }
  return undefined;
}

async function retiredVersion(
  store: string,
  entry: string,
  current: string | undefined,
): Promise<RetiredVersion | undefined> {
  const match = ENTRY.exec(entry);
  if (match?.[1] !== "retired" || match[3]) return undefined;
  const name = `site-${match[2] as string}`;
  if (name === current) return undefined;
  const version = join(store, name);
  const tree = await listTree(version).catch(() => undefined);
  if (!tree) return undefined;
  const foreign = await foreignFiles(version, tree);
  if (foreign === undefined || foreign.length > 0) return undefined;
  return { entry, name, version, tree };
}

/** Renames a retired version to the staging folder; false when another build took it, or it is gone. */
async function takeOver(candidate: RetiredVersion, staging: string): Promise<boolean> {
  return rename(candidate.version, staging).then(
    () => true,
    () => false,
  );
}

/**
 * A taken-over version made a staging folder: its list, cache and mark removed, every file but
 * its pages removed, its search index moved aside.
 *
 * A file put into the version after it was surveyed (a person writing into the store, which
 * its marker asks no one to do) is not in `tree`: it is left where it is and published with
 * the new version.
 */
async function emptied(
  { entry, version, tree }: RetiredVersion,
  target: OutputTarget,
  staging: string,
): Promise<{ pages: string[]; removing: Promise<void> }> {
  const { store } = target;
  // The version is gone from the store: its list, cache and mark go too.
  for (const file of [`${version}.files`, `${version}.cache`, join(store, entry)]) {
    await environment(() => rm(file, { force: true }), "cannot remove", file);
  }
  const pages: string[] = [];
  const others: string[] = [];
  for (const file of tree.files) {
    if (file === SEARCH_FOLDER || file.startsWith(`${SEARCH_FOLDER}/`)) continue;
    (file === "index.html" || file.endsWith("/index.html") ? pages : others).push(file);
  }
  for (const file of others) {
    const path = join(staging, file);
    await environment(() => rm(path, { force: true }), "cannot remove", path);
  }
  const removing = moveAside(staging, SEARCH_FOLDER, store);
  removing.catch(() => undefined);
  return { pages, removing };
}

/** The search index's folder in a version (Pagefind's bundle). */
const SEARCH_FOLDER = "pagefind";

/**
 * Moves `folder` out of `root` into a staging entry of its own in the store (removed by a later
 * build if this one is killed), and removes it there; resolves once it is gone.
 */
async function moveAside(root: string, folder: string, store: string): Promise<void> {
  const from = join(root, folder);
  const aside = join(store, `building-${String(process.pid)}-${randomBytes(4).toString("hex")}`);
  try {
    await rename(from, aside);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return;
    throw environmentError(error, "cannot remove", from) ?? error;
  }
  const tree = await environment(() => listTree(aside), "cannot remove", aside);
  await environment(() => removeTree(aside, tree), "cannot remove", aside);
}

/** Removes the folders below `root` that hold no file, deepest first, as `tree` lists them. */
async function removeEmptyFolders(root: string, tree: Tree): Promise<void> {
  const holding = new Set<string>();
  for (const file of tree.files) {
    for (let end = file.lastIndexOf("/"); end > 0; end = file.lastIndexOf("/", end - 1)) {
      const folder = file.slice(0, end);
      if (holding.has(folder)) break;
      holding.add(folder);
    }
  }
  for (const folder of [...tree.folders].reverse()) {
    if (holding.has(folder)) continue;
    const path = join(root, folder);
    await rmdir(path).catch((error: unknown) => {
      // Something was written into it meanwhile: it stays.
      const code = (error as { code?: unknown }).code;
      if (code === "ENOTEMPTY" || code === "EEXIST" || code === "ENOENT") return;
      throw environmentError(error, "cannot remove", path) ?? error;
    });
  }
}

function isEmptyFolder(target: OutputTarget): boolean {
  return target.state.kind === "folder" && target.state.empty;
}

async function ensureStore(store: string): Promise<void> {
  await environment(() => mkdir(store, { recursive: true }), "cannot create", store);
  const marker = join(store, STORE_MARKER);
  const existing = await readFile(marker, "utf8").catch(() => undefined);
  if (existing !== MARKER_TEXT) {
    await environment(() => writeFile(marker, MARKER_TEXT), "cannot write", marker);
  }
}

/**
 * Puts the site back at the output path when a build was killed in the one step that leaves it
 * missing: replacing an older, real output folder by the link. (An output link someone removed
 * stays removed: the next build is then a fresh one, and the versions left are cleaned up.)
 */
async function restoreMissingOutput(target: OutputTarget): Promise<OutputTarget> {
  if (target.state.kind !== "missing") return target;
  const { store, path } = target;
  const entries = await environment(() => readdir(store), "cannot list", store);
  const legacy = entries.find((entry) => entry.startsWith("legacy-"));
  if (!legacy) return target;
  await environment(() => rename(join(store, legacy), path), "cannot restore", path);
  return { ...target, state: { kind: "folder", empty: false } };
}

/**
 * Removes what builds that are no longer running left in the store, and the versions earlier
 * builds retired, keeping the published version. Returns lines about versions kept because they
 * hold files Sosik did not write.
 */
async function recover(target: OutputTarget): Promise<string[]> {
  const { store } = target;
  const current = target.state.kind === "version" ? basename(target.state.version) : undefined;
  const kept: string[] = [];
  const entries = await environment(() => readdir(store), "cannot list", store);
  const retired = new Set(
    entries.flatMap((entry) => {
      const match = ENTRY.exec(entry);
      return match?.[1] === "retired" && !match[3] ? [match[2] as string] : [];
    }),
  );
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    if (!match) continue;
    const [, kind, id, list] = match as unknown as [string, string, string, string | undefined];
    if (current && [current, `${current}.files`, `${current}.cache`].includes(entry)) continue;
    if (kind === "retired") continue;
    // A retired version belongs to no build, whatever process now has the number in its name
    // (a runner restored from the CI cache has other processes under the same numbers).
    if (!retired.has(id) && isRunning(Number(id.split("-")[0]))) continue;
    const path = join(store, entry);
    if (kind === "site" && !list) {
      const notRemoved = await removeVersion(path);
      if (notRemoved) kept.push(notRemoved);
    } else if (kind === "site" && list) {
      // A list or cache whose version is gone, or one being written when the build was killed.
      if (list.endsWith(".tmp") || !(await exists(path.slice(0, -list.length)))) {
        await environment(() => rm(path, { force: true }), "cannot remove", path);
      }
    } else {
      await environment(() => rm(path, { recursive: true, force: true }), "cannot remove", path);
    }
  }
  // A mark whose version is gone, or the mark of the version published again (a restored cache).
  for (const id of retired) {
    if (`site-${id}` !== current && (await exists(join(store, `site-${id}`)))) continue;
    const mark = join(store, `retired-${id}`);
    await environment(() => rm(mark, { force: true }), "cannot remove", mark);
  }
  return kept;
}

/**
 * Marks the version a build has just replaced as retired, for the next build to remove while it
 * renders. A version that holds files Sosik did not write is left as it is: the line says so.
 */
async function retireVersion(version: string): Promise<string | undefined> {
  const foreign = await foreignFiles(version);
  if (foreign === undefined) return undefined;
  if (foreign.length > 0) return keptLine(version, foreign);
  const mark = join(dirname(version), basename(version).replace(/^site-/, "retired-"));
  await environment(() => writeFile(mark, ""), "cannot write", mark);
  return undefined;
}

/** Removes an earlier version, unless it holds files that are not in the list Sosik wrote. */
async function removeVersion(version: string): Promise<string | undefined> {
  const tree = await listTree(version).catch(() => undefined);
  if (!tree) return undefined;
  const foreign = await foreignFiles(version, tree);
  if (foreign && foreign.length > 0) return keptLine(version, foreign);
  await environment(() => removeTree(version, tree), "cannot remove", version);
  const listPath = `${version}.files`;
  await environment(() => rm(listPath, { force: true }), "cannot remove", listPath);
  const cache = `${version}.cache`;
  await environment(() => rm(cache, { force: true }), "cannot remove", cache);
  return undefined;
}

/**
 * The files of a version that are not in the list Sosik wrote beside it (all of them when the
 * list is gone); undefined when the version cannot be listed (it is gone).
 */
async function foreignFiles(version: string, known?: Tree): Promise<string[] | undefined> {
  const listed = await readFile(`${version}.files`, "utf8").then(
    (text) => new Set(text.split("\n").filter(Boolean)),
    () => undefined,
  );
  const tree = known ?? (await listTree(version).catch(() => undefined));
  if (!tree) return undefined;
  return listed ? tree.files.filter((file) => !listed.has(file)) : [...tree.files];
}

function keptLine(version: string, foreign: readonly string[]): string {
  const shown = foreign.slice(0, 3).join(", ") + (foreign.length > 3 ? ", ..." : "");
  return `kept ${version}: it holds files Sosik did not write (${shown}); move them, then remove it`;
}

/** Points the output path at `version` with one atomic rename of a new symbolic link. */
async function pointOutputAt(target: OutputTarget, version: string, id: string): Promise<void> {
  const { path, store } = target;
  const link = join(store, `link-${id}`);
  // Relative, so that the output and its store can be moved or mounted elsewhere together.
  const text = relative(dirname(path), version);
  await environment(() => symlink(text, link, "dir"), "cannot create", link);
  if (target.state.kind === "folder") {
    // A real folder cannot be replaced by a link atomically: this happens once, on the first
    // versioned build over an older output, and a kill in between is put right by the next.
    if (target.state.empty) {
      await environment(() => rmdir(path), "cannot replace", path);
    } else {
      const legacy = join(store, `legacy-${id}`);
      await environment(() => rename(path, legacy), "cannot replace", path);
    }
  }
  await environment(() => rename(link, path), "cannot publish", path);
  if (target.state.kind === "folder" && !target.state.empty) {
    const legacy = join(store, `legacy-${id}`);
    await environment(() => rm(legacy, { recursive: true, force: true }), "cannot remove", legacy);
  }
}

/** Writes the list of the files of a version beside it, atomically. */
async function writeFileList(files: readonly string[], listPath: string): Promise<void> {
  const partial = `${listPath}.tmp`;
  await environment(() => writeFile(partial, files.join("\n") + "\n"), "cannot write", partial);
  await environment(() => rename(partial, listPath), "cannot write", listPath);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown }).code === "EPERM";
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Runs a file-system step; a system failure becomes an EnvironmentError naming the path. */
async function environment<T>(step: () => Promise<T>, doing: string, path: string): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw environmentError(error, doing, path) ?? error;
  }
}
