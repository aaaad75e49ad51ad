/**
 * Listing and removing a site's folder tree, several folders at a time. Node's recursive
 * `readdir` reads one folder after another: listing a 10,000-notice site (33,000 entries) took
 * 0.88 s that way, and `rm` with `recursive` took 1.7 s to remove it; a publish does both.
 */
import { readdir, rm, rmdir, unlink } from "node:fs/promises";
import { join } from "node:path";

/** A folder's contents, relative paths with `/` separators. */
export interface Tree {
  /** Every entry that is not a folder (files, links, anything else), sorted. */
  readonly files: readonly string[];
  /** Every folder below the root, sorted. */
  readonly folders: readonly string[];
}

/** Folders read at once: enough to keep the disk and the kernel busy, not so many as to thrash. */
const AT_ONCE = 16;

/** Lists everything below `root`; rejects when a folder cannot be read. */
export async function listTree(root: string): Promise<Tree> {
  const files: string[] = [];
  const folders: string[] = [];
  const pending: string[] = [""];
  let active = 0;
  await new Promise<void>((resolveAll, rejectAll) => {
    let failed = false;
    const pump = () => {
      if (failed) return;
      if (pending.length === 0 && active === 0) {
        resolveAll();
        return;
      }
      while (active < AT_ONCE && pending.length > 0) {
        const folder = pending.pop() as string;
        active += 1;
        readdir(join(root, folder), { withFileTypes: true }).then(
          (entries) => {
            for (const entry of entries) {
              const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
              if (entry.isDirectory()) {
                folders.push(path);
                pending.push(path);
              } else files.push(path);
            }
            active -= 1;
            pump();
          },
          (error: unknown) => {
            failed = true;
            rejectAll(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }
    };
    pump();
  });
  return { files: files.sort(), folders: folders.sort() };
}

/** Removes `root` and everything below it, as listed: files a few at a time, then folders. */
export async function removeTree(root: string, tree: Tree): Promise<void> {
  let next = 0;
  const remover = async () => {
    while (next < tree.files.length) {
      await unlink(join(root, tree.files[next++] as string)).catch(ignoreMissing);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, remover));
  // Deepest first; whatever appeared meanwhile is removed by the last, recursive call.
  for (const folder of [...tree.folders].reverse()) {
    await rmdir(join(root, folder)).catch(() => undefined);
  }
  await rm(root, { recursive: true, force: true });
}

function ignoreMissing(error: unknown): void {
  if ((error as { code?: unknown }).code !== "ENOENT") throw error;
}
