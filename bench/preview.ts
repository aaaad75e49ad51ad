/**
 * The preview at scale, as an editor meets it: `npm start` on the corpus, then single notices
 * edited one after another. Each edit is timed from the file write until its page is served
 * with the change, and until the preview reports its search index updated (checked: a shard
 * has a new fingerprint in pagefind/shards.json).
 */
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { median } from "./measure.ts";
import { freePort } from "../tests/helpers/ports.ts";

/** Timings of the preview on one corpus. */
export interface PreviewResult {
  /** From starting `npm start` until the first search index is complete. */
  readonly startupMs: number;
  readonly edits: readonly PreviewEdit[];
  readonly medianPageMs: number;
  readonly medianSearchMs: number;
  /** The slowest edit until its search was updated. */
  readonly maxSearchMs: number;
}

/** One edit: which notice, and how long until its page and its search shard were updated. */
export interface PreviewEdit {
  readonly notice: string;
  readonly pageMs: number;
  readonly searchMs: number;
}

interface Manifest {
  readonly languages: Record<string, readonly { id: string; fingerprint: string }[] | undefined>;
}

const UPDATED = /^Search updated: /m;
const TIMEOUT_MS = 300_000;

/**
 * Runs the preview of `contentDir` and edits each of `notices` (`ko/2016-06-25-slug`) in turn,
 * restoring every file afterwards.
 */
export async function measurePreview(
  root: string,
  contentDir: string,
  notices: readonly string[],
): Promise<PreviewResult> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(root, "src/cli/start.ts"),
      "--content",
      contentDir,
      "--port",
      String(port),
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((done) => child.once("exit", done));
  const origin = `http://localhost:${String(port)}`;
  try {
    await until("the preview's first search index", () => UPDATED.test(output), child);
    const startupMs = performance.now() - started;
    const edits: PreviewEdit[] = [];
    for (const [i, notice] of notices.entries()) {
      const [lang = "", slug = ""] = notice.split("/");
      const file = join(contentDir, lang, "notices", `${slug}.md`);
      const source = await readFile(file, "utf8");
      const before = await manifest(origin);
      const marker = `previewedit${String(i)}x${String(Date.now() % 100_000)}`;
      output = "";
      const written = performance.now();
      await writeFile(file, `${source}\nEdited in the preview: ${marker}.\n`);
      let pageMs = 0;
      let searchMs = 0;
      await until(
        `the edit of ${notice}`,
        async () => {
          const now = performance.now() - written;
          if (pageMs === 0) {
            const response = await fetch(`${origin}/${lang}/notices/${slug}/`);
            if (response.ok && (await response.text()).includes(marker)) pageMs = now;
          }
          if (searchMs === 0 && UPDATED.test(output)) searchMs = now;
          return pageMs > 0 && searchMs > 0;
        },
        child,
      );
      const after = await manifest(origin);
      if (fingerprints(before) === fingerprints(after)) {
        throw new Error(`the preview's search index did not change after editing ${notice}`);
      }
      edits.push({ notice, pageMs, searchMs });
      await writeFile(file, source);
      // The restore is a change too: let its rebuild and index update finish first.
      output = "";
      await until(`the restore of ${notice}`, () => UPDATED.test(output), child);
    }
    return {
      startupMs,
      edits,
      medianPageMs: median(edits.map((e) => e.pageMs)),
      medianSearchMs: median(edits.map((e) => e.searchMs)),
      maxSearchMs: Math.max(...edits.map((e) => e.searchMs)),
    };
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

async function manifest(origin: string): Promise<Manifest> {
  const response = await fetch(`${origin}/pagefind/shards.json`);
  if (!response.ok) throw new Error(`pagefind/shards.json: HTTP ${String(response.status)}`);
  return (await response.json()) as Manifest;
}

/** Every shard's fingerprint, in manifest order. */
function fingerprints(manifest: Manifest): string {
  return Object.values(manifest.languages)
    .flatMap((shards) => (shards ?? []).map((shard) => shard.fingerprint))
    .join(" ");
}

/** Polls `check` every 20 ms until true; fails if the preview exits or after five minutes. */
async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  child: { exitCode: number | null },
): Promise<void> {
  const end = performance.now() + TIMEOUT_MS;
  for (;;) {
    if (await check()) return;
    if (child.exitCode !== null) throw new Error(`the preview stopped while waiting for ${what}`);
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
