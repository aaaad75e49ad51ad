/**
 * The preview's temporary folders: each holds a marker naming the process that made it, is
 * removed when that process ends (by whatever means but SIGKILL), and is swept by the next
 * preview once its process is gone.
 */
import { rmSync } from "node:fs";
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** How a preview folder's name starts, in the system's temporary folder. */
export const PREVIEW_FOLDER_PREFIX = "sosik-preview-";

/** The marker file inside each preview folder (beside the site, so it is never served). */
export const PREVIEW_MARKER = "sosik-preview.json";

/** mkdtemp adds six characters to the prefix; nothing else is taken for a preview folder. */
const PREVIEW_FOLDER_NAME = /^sosik-preview-[A-Za-z0-9]{6}$/;

/** A preview's folder: `root` holds the marker and `site`, the folder that is served. */
export interface PreviewFolder {
  readonly root: string;
  readonly site: string;
}

/** What the marker says. */
interface Marker {
  readonly pid: number;
}

/** Creates a preview folder with its marker; it is removed when this process exits. */
export async function createPreviewFolder(parent = tmpdir()): Promise<PreviewFolder> {
  const root = await mkdtemp(join(parent, PREVIEW_FOLDER_PREFIX));
  // Registered before anything can fail, so even a half-made folder goes with the process.
  // `exit` runs on a normal end, process.exit() and an uncaught error; signals are turned
  // into a normal end by the preview. Only SIGKILL escapes, which the next start sweeps up.
  process.once("exit", () => {
    rmSync(root, { recursive: true, force: true });
  });
  const marker: Marker = { pid: process.pid };
  await writeFile(join(root, PREVIEW_MARKER), JSON.stringify(marker));
  const site = join(root, "site");
  await mkdir(site);
  return { root, site };
}

/**
 * Removes preview folders that earlier previews left behind when killed: only folders whose
 * name is a preview folder's and whose marker names a process that is gone. Returns them.
 */
export async function removeLeftoverPreviews(parent = tmpdir()): Promise<string[]> {
  const names = await readdir(parent).catch(() => []);
  const removed: string[] = [];
  for (const name of names) {
    if (!PREVIEW_FOLDER_NAME.test(name)) continue;
    const folder = join(parent, name);
    const pid = await markerPid(folder);
    if (pid === undefined || pid === process.pid || isRunning(pid)) continue;
    // Another user's folder in a shared temporary folder cannot be removed: leave it be.
    const gone = await rm(folder, { recursive: true, force: true }).then(
      () => true,
      () => false,
    );
    if (gone) removed.push(folder);
  }
  return removed;
}

/** The process id in a preview folder's marker, or undefined when it is not one of ours. */
async function markerPid(folder: string): Promise<number | undefined> {
  try {
    // A symbolic link is never ours: mkdtemp makes real folders.
    if (!(await lstat(folder)).isDirectory()) return undefined;
    const marker = JSON.parse(await readFile(join(folder, PREVIEW_MARKER), "utf8")) as unknown;
    const pid = (marker as Partial<Marker> | null)?.pid;
    return Number.isSafeInteger(pid) && (pid ?? 0) > 0 ? pid : undefined;
  } catch {
    // No marker (yet, for a preview starting right now) or not readable: not ours to remove.
    return undefined;
  }
}

/** Whether a process with this id exists (signal 0 only checks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
