/** Snapshots of output folders, to prove a build changed nothing or two builds are the same. */
import { createHash } from "node:crypto";
import { readFile, readdir, readlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { listFiles } from "./site.ts";

/** Every file of a folder with the SHA-256 of its bytes, by relative path. */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  for (const file of await listFiles(dir)) {
    snapshot.set(
      file,
      createHash("sha256")
        .update(await readFile(join(dir, file)))
        .digest("hex"),
    );
  }
  return snapshot;
}

/** Paths that differ between two snapshots: missing on either side or with other bytes. */
export function treeDifferences(
  a: ReadonlyMap<string, string>,
  b: ReadonlyMap<string, string>,
): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((path) => a.get(path) !== b.get(path)).sort();
}

/**
 * What builds left beside an output path: anything named `.{name}.*` other than its store, and
 * anything in the store (`.{name}.sosik/`) but its marker, the published version, its list and
 * its cache, and the version the last build retired (with its list, cache and mark).
 */
export async function buildLeftovers(outputDir: string): Promise<string[]> {
  const name = basename(outputDir);
  const storeName = `.${name}.sosik`;
  const siblings = await readdir(dirname(outputDir));
  const beside = siblings.filter((entry) => entry.startsWith(`.${name}.`) && entry !== storeName);
  if (!siblings.includes(storeName)) return beside;
  const published = basename(await readlink(outputDir).catch(() => ""));
  const keep = new Set(["SOSIK-OUTPUT.txt", published, `${published}.files`, `${published}.cache`]);
  const inStore = await readdir(join(dirname(outputDir), storeName));
  // A version the last build replaced, marked for the next build to remove, is no leftover.
  for (const entry of inStore) {
    const retired = /^retired-(\d+-[0-9a-f]+)$/.exec(entry)?.[1];
    if (retired === undefined) continue;
    for (const name of [
      entry,
      `site-${retired}`,
      `site-${retired}.files`,
      `site-${retired}.cache`,
    ]) {
      keep.add(name);
    }
  }
  return [
    ...beside,
    ...inStore.filter((entry) => !keep.has(entry)).map((e) => `${storeName}/${e}`),
  ];
}
