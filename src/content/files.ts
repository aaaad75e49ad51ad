/**
 * Reading what stands in a content folder without trusting it. A path where a notice, a data
 * file or an attachment is expected may hold a named pipe (reading it would wait forever), a
 * socket, a folder, a device, a dangling or looping link, a link out of the content folder, or
 * a file nobody may read. Each is looked at with lstat/stat before anything is opened, and
 * opened without blocking, so it becomes one content error naming the path.
 *
 * The link rule (docs/editing.md, "Files and links"): a link to a regular file inside the
 * content folder is read as that file; a link that leads outside the content folder is
 * refused, so a notice cannot publish a file of the machine (`/etc/passwd`) as an attachment.
 *
 * A folder that cannot be listed, or a file or folder that vanishes while it is read, is the
 * machine's problem, not the editor's: an EnvironmentError (exit 4).
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  statSync,
} from "node:fs";
import type { Dirent, Stats } from "node:fs";
import { basename, dirname, sep } from "node:path";
import { EnvironmentError, environmentError, isSystemError } from "../errors.ts";

/** A regular file where one is expected, with the real path it is read from. */
export interface ContentFile {
  readonly realPath: string;
  readonly size: number;
}

/** What stands at a path instead of a readable regular file, as the editor is told. */
export interface NotAFile {
  /** `is a named pipe (FIFO), not a file`: reads after the path. */
  readonly problem: string;
}

/** A content file's bytes, and the same decoded as UTF-8 (invalid bytes turned into U+FFFD). */
export interface ContentText {
  readonly bytes: Buffer;
  readonly text: string;
}

/** Looks at and reads the files of one content folder by the rules above. */
export interface ContentFiles {
  /** The file at `path`; `missing` when nothing is there. Never opens it. */
  inspect(path: string): ContentFile | NotAFile | "missing";
  /** Reads the file at `path`; `missing` when nothing is there. */
  read(path: string): ContentText | NotAFile | "missing";
  /** The entries of a folder, sorted by name; `missing` when the folder does not exist. */
  list(dir: string): Dirent[] | NotAFile | "missing";
}

/** Whether a result of ContentFiles is a problem to report. */
export function isNotAFile(value: unknown): value is NotAFile {
  return typeof value === "object" && value !== null && "problem" in value;
}

/** The files of `contentDir`; throws an EnvironmentError when the folder itself cannot be reached. */
export function contentFiles(contentDir: string): ContentFiles {
  const root = environmentally(() => realpathSync.native(contentDir), "cannot read the content folder", contentDir);
  // Folders of the content folder by their real path: one realpath a folder, not one a file.
  const realFolders = new Map<string, string | NotAFile>();

  const realFolder = (dir: string): string | NotAFile => {
    let real = realFolders.get(dir);
    if (real === undefined) {
      real = resolveLink(dir, root, "folder");
      realFolders.set(dir, real);
    }
    return real;
  };

  const inspect = (path: string): ContentFile | NotAFile | "missing" => {
    const stats = lookAt(path);
    if (stats === "missing" || isNotAFile(stats)) return stats;
    let realPath: string;
    let target: Stats = stats;
    if (stats.isSymbolicLink()) {
      const resolved = resolveLink(path, root, "file");
      if (isNotAFile(resolved)) return resolved;
      realPath = resolved;
      target = environmentally(() => statSync(realPath), "cannot read a content file", path);
      if (!target.isFile()) return { problem: `is a link to ${kindOf(target)}, not a file` };
    } else {
      if (!stats.isFile()) return { problem: `is ${kindOf(stats)}, not a file` };
      const folder = realFolder(dirname(path));
      if (isNotAFile(folder)) return folder;
      // The folder is checked to be inside the content folder, so the file is too.
      realPath = `${folder}${sep}${basename(path)}`;
    }
    return { realPath, size: target.size };
  };

  return {
    inspect,
    read(path) {
      const file = inspect(path);
      if (file === "missing" || isNotAFile(file)) return file;
      return readRegularFile(path, file.realPath);
    },
    list(dir) {
      let stats: Stats;
      try {
        stats = statSync(dir);
      } catch (error) {
        if (isSystemError(error) && error.code === "ENOENT") return "missing";
        if (isSystemError(error) && error.code === "ENOTDIR") return { problem: "is not a folder" };
        throw environmentError(error, "cannot list a content folder", dir) ?? error;
      }
      if (!stats.isDirectory()) return { problem: `is ${kindOf(stats)}, not a folder` };
      const entries = environmentally(
        () => readdirSync(dir, { withFileTypes: true }),
        "cannot list a content folder",
        dir,
      );
      return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

/** lstat of a path: `missing` when nothing is there, a problem when it cannot be looked at. */
function lookAt(path: string): Stats | NotAFile | "missing" {
  try {
    return lstatSync(path);
  } catch (error) {
    if (isSystemError(error) && error.code === "ENOENT") return "missing";
    const problem = unreadable(error);
    if (problem) return problem;
    throw environmentError(error, "cannot read a content file", path) ?? error;
  }
}

/**
 * The real path of a link (or of a folder that may be or hold one), refused when it dangles,
 * loops or leads outside the content folder `root`.
 */
function resolveLink(path: string, root: string, what: "file" | "folder"): string | NotAFile {
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (error) {
    if (isSystemError(error) && error.code === "ENOENT") {
      const target = linkTarget(path);
      return target === undefined
        ? { problem: `is in a folder that does not exist` }
        : { problem: `is a link to ${target}, which does not exist` };
    }
    if (isSystemError(error) && error.code === "ELOOP") {
      return { problem: "is a link that leads back to itself (a loop), not a file" };
    }
    const problem = unreadable(error);
    if (problem) return problem;
    throw environmentError(error, `cannot read a content ${what}`, path) ?? error;
  }
  if (real !== root && !real.startsWith(root + sep)) {
    const where = what === "file" ? "is a link to" : "is in a folder that leads to";
    return {
      problem: `${where} ${real}, outside the content folder; copy the file into the content folder instead`,
    };
  }
  return real;
}

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Reads a file inspected to be regular. Opened without blocking, and checked again on the open
 * descriptor, so a file replaced by a named pipe in between is refused instead of waited on.
 */
function readRegularFile(path: string, realPath: string): ContentText | NotAFile | "missing" {
  let fd: number;
  try {
    fd = openSync(realPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    const problem = unreadable(error);
    if (problem) return problem;
    throw environmentError(error, "cannot read a content file", path) ?? error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: `is ${kindOf(stats)}, not a file` };
    const bytes = environmentally(() => readFileSync(fd), "cannot read a content file", path);
    return { bytes, text: bytes.toString("utf8") };
  } finally {
    closeSync(fd);
  }
}

/** The problem for a file the editor cannot read (permissions), or undefined. */
function unreadable(error: unknown): NotAFile | undefined {
  if (!isSystemError(error)) return undefined;
  if (error.code === "EACCES" || error.code === "EPERM") {
    return { problem: "cannot be read: permission denied; make the file readable" };
  }
  if (error.code === "ELOOP") return { problem: "is a link that leads back to itself (a loop), not a file" };
  return undefined;
}

/** What a file system entry is, for messages: `a named pipe (FIFO)`. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFile()) return "a file";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return "a device";
  if (stats.isSymbolicLink()) return "a link";
  return "an entry of an unknown kind";
}

/** Runs a file system call; a failure of the machine (vanished, permissions) is an EnvironmentError. */
function environmentally<T>(call: () => T, doing: string, path: string): T {
  try {
    return call();
  } catch (error) {
    const environment = environmentError(error, doing, path);
    if (environment instanceof EnvironmentError) throw environment;
    throw error;
  }
}
