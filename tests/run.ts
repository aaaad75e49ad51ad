// The whole test suite: makes sure Chromium and Java are there (installing Debian's packages
// when run as root), then runs every tests/**/*.test.ts file with node:test through tsx.
import { spawnSync } from "node:child_process";
import type { SpawnSyncOptions } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function findChromium(): string | undefined {
  for (const candidate of [process.env.CHROME_PATH, "/usr/bin/chromium"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function aptInstall(packages: string[]): boolean {
  const quiet: SpawnSyncOptions = {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  };
  console.log(`Installing ${packages.join(", ")} with apt-get...`);
  return (
    spawnSync("apt-get", ["update", "-qq"], quiet).status === 0 &&
    spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], quiet)
      .status === 0
  );
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!findChromium() && isRoot) aptInstall(["chromium", "fonts-noto-cjk"]);
const chromium = findChromium();
if (!chromium) {
  console.error(
    "Browser tests need Chromium: install Debian's chromium package (apt-get install chromium) or set CHROME_PATH.",
  );
  process.exit(1);
}
process.env.CHROME_PATH = chromium;

// The HTML checker (vnu-jar) runs on Java 17+: the machine's, never one downloaded at test time.
const hasJava = () =>
  [process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "", "java"].some(
    (java) => java !== "" && spawnSync(java, ["-version"], { stdio: "ignore" }).status === 0,
  );
if (!hasJava() && isRoot) aptInstall(["default-jre-headless"]);
if (!hasJava()) {
  console.error(
    "HTML validation needs Java 17 or later: install Debian's default-jre-headless (apt-get install default-jre-headless) or set JAVA_HOME.",
  );
  process.exit(1);
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testFiles(path);
    return entry.name.endsWith(".test.ts") ? [relative(root, path)] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : testFiles(join(root, "tests")).sort();
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-reporter=spec", ...files],
  {
    cwd: root,
    stdio: "inherit",
  },
);
process.exit(result.status ?? 1);
