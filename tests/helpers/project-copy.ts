/**
 * A copy of the Sosik project in a temporary folder, sharing this project's node_modules, so a
 * test can break a template or the configuration and run the real CLI against the copy.
 */
import { cp, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, runCli, tempDir } from "./site.ts";
import type { CommandResult } from "./site.ts";

const PROJECT_FILES = [".eleventy.ts", "src", "layouts", "package.json", "tsconfig.json"];

/** Copies the project's code and layouts (not content or tests) into a new folder. */
export async function copyProject(): Promise<string> {
  const dir = join(await tempDir("sosik-project-"), "project");
  for (const entry of PROJECT_FILES) {
    await cp(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/**
 * Replaces `search` in one file of a copied project; throws when it is not there, so an edit
 * that no longer applies fails loudly instead of testing an unbroken project.
 */
export async function editProjectFile(
  projectDir: string,
  file: string,
  search: string,
  replacement: string,
): Promise<void> {
  const path = join(projectDir, file);
  const text = await readFile(path, "utf8");
  if (!text.includes(search))
    throw new Error(`${file} no longer contains ${JSON.stringify(search)}`);
  await writeFile(path, text.replace(search, replacement));
}

/** Runs a CLI script of a copied project from inside it, as `npm run` there would. */
export function runProjectCli(
  projectDir: string,
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CommandResult> {
  return runCli(script, args, { project: projectDir, env });
}
