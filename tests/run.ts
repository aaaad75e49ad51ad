// The test runner: `tsx tests/run.ts [tier...] [file...] [--list]` runs the test files of the
// named tiers (unit, build, browser, html; all of them when none is named) or the files given,
// with node:test through tsx, in one process so files run side by side. A file's tier is in its
// name (tests/helpers/tiers.ts). It installs nothing: a tier whose browser or Java is missing
// stops here with one line saying what to install.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { findJava } from "./quality/vnu.ts";
import { ROOT } from "./helpers/site.ts";
import { TIERS, testFiles, tierOf } from "./helpers/tiers.ts";
import type { Tier } from "./helpers/tiers.ts";

const args = process.argv.slice(2);
const list = args.includes("--list");
const named = args.filter((arg) => arg !== "--list");
const tiers = named.filter((arg): arg is Tier => (TIERS as readonly string[]).includes(arg));
const given = named.filter((arg) => !tiers.includes(arg as Tier));

let files: string[];
try {
  // Every file's name is checked, so one that names two tiers stops every run.
  const all = testFiles().map((file) => ({ file, tier: tierOf(file) }));
  const wanted = tiers.length > 0 ? tiers : TIERS;
  files =
    given.length > 0
      ? given.map((file) => relative(ROOT, resolve(file)))
      : all.filter(({ tier }) => wanted.includes(tier)).map(({ file }) => file);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

const needed = new Set(files.map((file) => tierOf(file)));
const missing: { what: string; packages: string[]; variable: string }[] = [];

// An explicit CHROME_PATH is the browser to use, or none; Debian's is the default.
const chromium = process.env.CHROME_PATH ?? "/usr/bin/chromium";
if (needed.has("browser") && !existsSync(chromium)) {
  missing.push({
    what: `Chromium (${chromium} not found)`,
    packages: ["chromium", "fonts-noto-cjk"],
    variable: "CHROME_PATH",
  });
}
// The HTML checker (vnu-jar) runs on Java 17+: the machine's, never one downloaded at test time.
if (needed.has("html") && findJava() === undefined) {
  missing.push({
    what: "Java 17 or later",
    packages: ["default-jre-headless"],
    variable: "JAVA_HOME",
  });
}
if (missing.length > 0) {
  const tiersMissing = [...needed].filter((tier) => tier === "browser" || tier === "html");
  const packages = missing.flatMap((m) => m.packages).join(" ");
  console.error(
    `The ${tiersMissing.join(" and ")} tests need ${missing.map((m) => m.what).join(" and ")}: on Debian, apt-get install ${packages}; or set ${missing.map((m) => m.variable).join(" or ")}.`,
  );
  process.exit(1);
}
process.env.CHROME_PATH = chromium;

if (list) {
  for (const file of files) console.log(`${tierOf(file)}\t${file}`);
  process.exit(0);
}
if (files.length === 0) {
  console.error(`No test file in ${tiers.join(", ")}.`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-reporter=spec", ...files],
  { cwd: ROOT, stdio: "inherit" },
);
process.exit(result.status ?? 1);
