/** Builds real sites through the Sosik CLI and reads their pages as a reader's browser would. */
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, readFile, writeFile, cp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as cheerio from "cheerio";

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The sample content folder shipped with Sosik. */
export const SAMPLE_CONTENT = join(ROOT, "content");

/** What a command printed and how it ended. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one of Sosik's CLI scripts (`build`, `check`, ...) with arguments, as npm would; from
 * `project` (default: this checkout), in `cwd` (default: the project).
 */
export function runCli(
  script: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; project?: string } = {},
): Promise<CommandResult> {
  const project = options.project ?? ROOT;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(project, "src/cli", `${script}.ts`), ...args],
      {
        cwd: options.cwd ?? project,
        env: { ...process.env, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** A fresh temporary folder. */
export function tempDir(prefix = "sosik-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Builds `contentDir` into a new temporary output folder; fails the test on a non-zero exit. */
export async function buildSite(
  contentDir: string,
  extraArgs: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<{ output: string; result: CommandResult }> {
  const output = join(await tempDir("sosik-site-"), "_site");
  const result = await runCli(
    "build",
    ["--content", contentDir, "--output", output, ...extraArgs],
    { env },
  );
  if (result.code !== 0) {
    throw new Error(`build of ${contentDir} exited ${String(result.code)}:\n${result.stderr}`);
  }
  return { output, result };
}

/** Parses a built page by its URL path (`/en/notices/`), prefix not included. */
export async function readPage(output: string, urlPath: string): Promise<cheerio.CheerioAPI> {
  const file = urlPath.endsWith("/") ? join(output, urlPath, "index.html") : join(output, urlPath);
  return cheerio.load(await readFile(file, "utf8"));
}

/** Every file of a folder, as paths relative to it with forward slashes, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

/** Copies the sample `_data` folder into a new content folder and writes the given files into it. */
export async function makeContent(
  files: Readonly<Record<string, string>>,
  options: { boards?: boolean } = {},
): Promise<string> {
  const dir = join(await tempDir("sosik-content-"), "content");
  // One board (News & Notices) unless asked: fixtures name their notices in notices/ only.
  await cp(join(SAMPLE_CONTENT, "_data"), join(dir, "_data"), {
    recursive: true,
    filter: (source) => options.boards === true || !source.endsWith("boards.json"),
  });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** Front matter and body of a notice file, for fixtures. */
export function noticeFile(fields: Readonly<Record<string, string>>, body = "Body text."): string {
  const lines = Object.entries(fields).map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join("\n")}\n---\n${body}\n`;
}

/** The two files (English and Korean) of a translated pair with the same date and ministry. */
export function noticePair(
  slug: string,
  title: string,
  extra: Readonly<Record<string, string>> = {},
  bodies: { en?: string; ko?: string } = {},
): Record<string, string> {
  const fields = (text: string) => ({
    title: JSON.stringify(text),
    date: slug.slice(0, 10),
    ministry: "MOIS",
    ...extra,
  });
  return {
    [`en/notices/${slug}.md`]: noticeFile(fields(title), bodies.en),
    [`ko/notices/${slug}.md`]: noticeFile(fields(`${title} (한국어)`), bodies.ko),
  };
}
