import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { ROOT, tempDir } from "./helpers/site.ts";
import { TIERS, misplacement, needsOf, testFiles, tierOf, tierWords } from "./helpers/tiers.ts";
import type { Tier } from "./helpers/tiers.ts";

/** Runs the test runner as npm would, with the environment changed as given. */
function runner(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "tests/run.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An empty folder to stand for a PATH on which no java is found. */
async function emptyPath(): Promise<string> {
  const dir = join(await tempDir("sosik-path-"), "bin");
  await mkdir(dir);
  return dir;
}

describe("test tiers", () => {
  it("puts every test file in exactly one tier, as the runner lists them", () => {
    const listed = new Map<string, Tier[]>();
    for (const tier of TIERS) {
      const result = runner([tier, "--list"]);
      assert.equal(result.code, 0, `the ${tier} tier should list its files:\n${result.stderr}`);
      for (const line of result.stdout.split("\n").filter(Boolean)) {
        const [shown, file = ""] = line.split("\t");
        assert.equal(shown, tier, `${file} is listed under ${tier}`);
        listed.set(file, [...(listed.get(file) ?? []), tier]);
      }
    }
    const files = testFiles();
    assert.ok(files.length > 30, "the test files should be found");
    for (const file of files) {
      assert.deepEqual(listed.get(file), [tierOf(file)], `${file} should be in one tier`);
      assert.ok(tierWords(file).length <= 1, `${file} should name at most one tier`);
    }
    assert.deepEqual([...listed.keys()].sort(), files, "every listed file should be a test file");
  });

  it("names a file's tier by the word before .test.ts, build when there is none", () => {
    assert.equal(tierOf("tests/search/recall.browser.test.ts"), "browser");
    assert.equal(tierOf("tests/quality/built-sites.html.test.ts"), "html");
    assert.equal(tierOf("tests/search/shards.unit.test.ts"), "unit");
    assert.equal(tierOf("tests/cli/new.test.ts"), "build");
    assert.equal(tierOf("tests/browser/atomic-build.test.ts"), "build", "folders do not count");
    assert.throws(() => tierOf("tests/x.unit.browser.test.ts"), /more than one tier/);
  });

  it("holds each test file to what its tier may use", () => {
    const problems = testFiles().flatMap((file) => {
      const problem = misplacement(tierOf(file), needsOf(file));
      return problem === undefined ? [] : [`${file}: ${problem}`];
    });
    assert.deepEqual(problems, [], "every test file should be in the tier of what it uses");
  });

  it("sees a browser, Java and a build through helper modules, and not in type imports", async () => {
    const dir = await tempDir("sosik-tiers-");
    const helper = (name: string) =>
      JSON.stringify(relative(dir, join(ROOT, "tests", "helpers", name)));
    // Written line by line so that this file's own source holds none of the imports it scans.
    const files: Record<string, string[]> = {
      "types.test.ts": [
        `import type { Browser } from "playwright-core";`,
        `import { makeContent, type CommandResult } from ${helper("site.ts")};`,
      ],
      "browser.test.ts": [`import { launchBrowser } from ${helper("browser.ts")};`],
      "through.test.ts": [`import { openPage } from "./support.ts";`],
      "support.ts": [`import { launchBrowser } from ${helper("browser.ts")};`],
      "cli.test.ts": [`import { ROOT, runCli } from ${helper("site.ts")};`],
      "eleventy.test.ts": [`import Eleventy from "@11ty/eleventy";`],
      "checker.test.ts": [`import { check } from "./checker.ts";`],
      "checker.ts": [`spawn("java", ["${["-", "jar"].join("")}", jar]);`],
    };
    for (const [name, lines] of Object.entries(files)) {
      await writeFile(join(dir, name), `${lines.join("\n")}\n`);
    }
    const needs = (name: string) => needsOf(join(dir, name));
    const none = { browser: false, java: false, build: false };
    assert.deepEqual(needs("types.test.ts"), none, "type imports and makeContent need nothing");
    assert.deepEqual(needs("browser.test.ts"), { ...none, browser: true });
    assert.deepEqual(needs("through.test.ts"), { ...none, browser: true }, "through a module");
    assert.deepEqual(needs("cli.test.ts"), { ...none, build: true });
    assert.deepEqual(needs("eleventy.test.ts"), { ...none, build: true });
    assert.deepEqual(needs("checker.test.ts"), { ...none, java: true });
    assert.equal(
      misplacement("unit", needs("cli.test.ts")),
      "runs a build or a CLI process: not a unit test",
    );
    assert.match(misplacement("build", needs("through.test.ts")) ?? "", /\*\.browser\.test\.ts/);
  });

  it("stops a tier whose Chromium or Java is missing with one line saying what to install", async () => {
    const browser = runner(["browser", "--list"], { CHROME_PATH: "/nonexistent/chromium" });
    assert.equal(browser.code, 1, "a missing Chromium should stop the browser tier");
    assert.deepEqual(browser.stderr.trimEnd().split("\n"), [
      "The browser tests need Chromium (/nonexistent/chromium not found): on Debian, apt-get install chromium fonts-noto-cjk; or set CHROME_PATH.",
    ]);

    const noJava = { PATH: await emptyPath(), JAVA_HOME: "" };
    const html = runner(["html", "--list"], noJava);
    assert.equal(html.code, 1, "a missing Java should stop the html tier");
    assert.deepEqual(html.stderr.trimEnd().split("\n"), [
      "The html tests need Java 17 or later: on Debian, apt-get install default-jre-headless; or set JAVA_HOME.",
    ]);

    const unit = runner(["unit", "--list"], { ...noJava, CHROME_PATH: "/nonexistent/chromium" });
    assert.equal(unit.code, 0, `the unit tier should need neither:\n${unit.stderr}`);
    assert.match(unit.stdout, /^unit\ttests\/tiers\.unit\.test\.ts$/m);
  });
});
