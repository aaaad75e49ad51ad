/**
 * The W3C Nu HTML Checker (npm `vnu-jar`) run with the machine's Java: one Java process checks
 * every file it is given, because starting the checker costs more than checking a page.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "../helpers/site.ts";

/** What to install when no Java is found, in one line. */
export const JAVA_MISSING =
  "HTML validation needs Java 17 or later: install Debian's default-jre-headless (apt-get install default-jre-headless) or set JAVA_HOME.";

/** The java command to use: JAVA_HOME's, else the one on PATH; undefined when none runs. */
export function findJava(): string | undefined {
  const candidates = [
    ...(process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, "bin", "java")] : []),
    "java",
  ];
  return candidates.find((java) => spawnSync(java, ["-version"], { stdio: "ignore" }).status === 0);
}

/** One message of the checker, as its JSON output gives it. */
export interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url?: string;
  readonly lastLine?: number;
  readonly message: string;
  readonly extract?: string;
}

const VNU_JAR = join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

/** The file a checker message is about, as a local path. */
export function messageFile(message: VnuMessage): string {
  return message.url?.startsWith("file:") ? fileURLToPath(message.url) : (message.url ?? "");
}

/**
 * Checks HTML files and folders (every .html file under them) in one run and returns the error
 * messages. The checker's own warnings about CSP 'self' on file: URLs are not errors.
 */
export async function validateHtml(paths: readonly string[]): Promise<VnuMessage[]> {
  const java = findJava();
  if (java === undefined) throw new Error(JAVA_MISSING);
  if (!existsSync(VNU_JAR)) throw new Error(`${VNU_JAR} is missing: run npm ci`);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      java,
      [
        "-Xss4m",
        "-jar",
        VNU_JAR,
        "--errors-only",
        "--skip-non-html",
        "--format",
        "json",
        "--stdout",
        "--exit-zero-always",
        ...paths,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`the HTML checker exited ${String(code)}:\n${stderr}`));
    });
  });
  const report = JSON.parse(output) as { messages: VnuMessage[] };
  return report.messages.filter((message) => message.type === "error");
}

/** `file:line: message` lines for assertion messages. */
export function formatVnuMessages(messages: readonly VnuMessage[]): string {
  return messages
    .map((m) => `${messageFile(m)}:${String(m.lastLine ?? "?")}: ${m.message}`)
    .join("\n");
}
