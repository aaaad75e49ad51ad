/** Starts the real preview (`npm start`) for tests, collecting what it prints. */
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { freePort } from "./ports.ts";
import { ROOT } from "./site.ts";

/** A running preview process and everything it has printed so far (stdout and stderr). */
export interface PreviewProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly port: number;
  readonly output: () => string;
}

/** Spawns `src/cli/start.ts` on `contentDir` at a free port, as `npm start` would. */
export async function spawnPreview(
  contentDir: string,
  options: { args?: readonly string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<PreviewProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "src/cli/start.ts"),
      "--content",
      contentDir,
      "--port",
      String(port),
      ...(options.args ?? []),
    ],
    {
      cwd: ROOT,
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, port, output: () => output };
}
