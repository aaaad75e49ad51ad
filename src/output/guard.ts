/**
 * Which output folders a build may write. Sosik replaces and removes only what it wrote itself,
 * so a build refuses, before it writes anything, an output path that would put the content, the
 * project or somebody's files at risk (DESIGN.md, "Output safety").
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { EXIT, SosikError, environmentError } from "../errors.ts";

/** Raised for an output path Sosik will not write: exit 2, one line saying why. */
export class OutputRefusedError extends SosikError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** What a build knows of its output path once the guard has accepted it. */
export interface OutputTarget {
  /** The output path as the operator named it, made absolute. */
  readonly path: string;
  /** The folder beside it where Sosik keeps the published versions and builds in progress. */
  readonly store: string;
  /** What is at the output path now. */
  readonly state: OutputState;
}

/**
 * What the output path holds: nothing yet; Sosik's symlink to one of its versions; or a real
 * folder that is empty or was written by an earlier Sosik, before outputs were versioned.
 */
export type OutputState =
  | { readonly kind: "missing" }
  | { readonly kind: "version"; readonly version: string }
  | { readonly kind: "folder"; readonly empty: boolean };

/** File in the store that marks it as Sosik's. */
export const STORE_MARKER = "SOSIK-OUTPUT.txt";

/** The store of an output path: `.{name}.sosik` in the same folder. */
export function storeOf(outputPath: string): string {
  return join(dirname(outputPath), `.${basename(outputPath)}.sosik`);
}

/** Where an output path may be written, by the folders a build reads. */
export interface GuardedFolders {
  readonly contentDir: string;
  /** The project: `.eleventy.ts`, `layouts/`, `src/`, `node_modules/`. */
  readonly projectRoot: string;
}

/**
 * Accepts an output path or throws OutputRefusedError saying why. Paths are compared after
 * resolving symlinks, so a link cannot smuggle the content folder in.
 */
export function guardOutput(outputDir: string, folders: GuardedFolders): OutputTarget {
  const path = resolve(outputDir);
  const refuse = (why: string): never => {
    throw new OutputRefusedError(`--output ${outputDir}: ${why}; nothing was written`);
  };
  if (basename(path) === "" || dirname(path) === path) refuse("the root of the file system");
  // The last part is not followed: a link there is judged as a link (Sosik's, or refused).
  const real = join(realPathOf(dirname(path)), basename(path));
  const content = realPathOf(resolve(folders.contentDir));
  const project = realPathOf(resolve(folders.projectRoot));

  if (real === content) refuse("is the content folder");
  if (isInside(content, real)) refuse("holds the content folder");
  if (isInside(real, content)) refuse("lies inside the content folder");
  if (real === project) refuse("is the project folder");
  if (isInside(project, real)) refuse("holds the project folder");
  // Inside the project, only a folder of its own at the top (`_site`): never among the
  // project's sources, its dependencies or its git data.
  if (isInside(real, project) && dirname(real) !== project) {
    refuse("lies inside a folder of the project; use a folder at its top, such as _site");
  }
  // A version inside another output's store is that output's published site.
  if (isStoreMarked(dirname(real)) || isStoreMarked(dirname(dirname(real)))) {
    refuse("lies inside the folder where Sosik keeps the versions of another output");
  }
  const store = storeOf(path);
  const storeMarked = isStoreMarked(store);
  if (exists(store) && !storeMarked) {
    refuse(`${store} exists and was not made by Sosik; move it away or choose another output`);
  }
  return { path, store, state: outputState(path, store, storeMarked, refuse) };
}

function outputState(
  path: string,
  store: string,
  storeMarked: boolean,
  refuse: (why: string) => never,
): OutputState {
  const stats = lstatOrUndefined(path);
  if (!stats) return { kind: "missing" };
  if (stats.isSymbolicLink()) {
    const target = readlinkSync(path);
    const version = resolve(dirname(path), target);
    if (!storeMarked || dirname(version) !== store || isAbsolute(target)) {
      refuse("is a symbolic link Sosik did not make");
    }
    return { kind: "version", version };
  }
  if (!stats.isDirectory()) refuse("is a file, not a folder");
  const entries = listOrRefuse(path);
  if (entries.includes(".git")) refuse("holds a .git folder");
  if (entries.length === 0) return { kind: "folder", empty: true };
  // Sites built before outputs were versioned: their search manifest says Sosik wrote them.
  // A CI cache restore of `_site/pagefind` alone looks the same and is as safe to replace.
  if (!listOrRefuse(join(path, "pagefind")).includes("shards.json")) {
    refuse("is a folder that Sosik did not write (it is not empty); choose an empty or new folder");
  }
  return { kind: "folder", empty: false };
}

/** Whether `inner` is strictly inside `outer` (both absolute, symlinks resolved). */
function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/**
 * The real path of `path`, resolving every symlink of the part that exists: a path that does
 * not exist yet is resolved through its nearest existing parent.
 */
function realPathOf(path: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // A dangling symlink (ENOENT through it) is judged by its own path, like a missing one.
      if ((code !== "ENOENT" && code !== "ENOTDIR") || dirname(current) === current) {
        throw environmentError(error, "cannot resolve the output path", current) ?? error;
      }
      missing.push(basename(current));
      current = dirname(current);
    }
  }
}

function exists(path: string): boolean {
  return lstatOrUndefined(path) !== undefined;
}

function isStoreMarked(store: string): boolean {
  return lstatOrUndefined(join(store, STORE_MARKER))?.isFile() === true;
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw environmentError(error, "cannot read the output path", path) ?? error;
  }
}

function listOrRefuse(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw environmentError(error, "cannot list the output folder", path) ?? error;
  }
}
