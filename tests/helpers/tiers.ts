/**
 * The test tiers and the rule that puts each test file in one: the word before `.test.ts`
 * (`shards.unit.test.ts`, `search.browser.test.ts`, `built-sites.html.test.ts`); a file with no
 * tier word is a build test. Also a scan of what a file needs (a browser, Java, an Eleventy build
 * or a CLI process), read from its imports, so a test can hold each file to its tier.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { ROOT } from "./site.ts";

/** The tiers, cheapest first: the order `npm test` lists them in. */
export const TIERS = ["unit", "build", "browser", "html"] as const;

/** One test tier. */
export type Tier = (typeof TIERS)[number];

/** What each tier may use, for the README and the runner's messages. */
export const TIER_NEEDS: Readonly<Record<Tier, string>> = {
  unit: "no browser, no Java, no Eleventy build",
  build: "real builds and CLI processes, no browser or Java",
  browser: "headless Chromium",
  html: "Java 17 or later for the W3C Nu HTML checker",
};

function isTier(word: string): word is Tier {
  return (TIERS as readonly string[]).includes(word);
}

/** The tier words in a test file's name: none or one for a well-named file. */
export function tierWords(file: string): Tier[] {
  const name = file.split(/[\\/]/).at(-1) ?? "";
  return name
    .replace(/\.test\.ts$/, "")
    .split(".")
    .slice(1)
    .filter(isTier);
}

/** The tier of a test file: its one tier word, or build when it has none. */
export function tierOf(file: string): Tier {
  const words = tierWords(file);
  if (words.length > 1) {
    throw new Error(`${file} names more than one tier (${words.join(", ")}): keep one`);
  }
  return words[0] ?? "build";
}

/** Every tests/**\/*.test.ts file (fixtures excluded), relative to the project, sorted. */
export function testFiles(dir = join(ROOT, "tests")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testFiles(path);
      return entry.name.endsWith(".test.ts") ? [relative(ROOT, path).split(sep).join("/")] : [];
    })
    .sort();
}

/** What a test file needs to run, read from its imports. */
export interface Needs {
  /** It launches Chromium (playwright-core, directly or through a helper). */
  readonly browser: boolean;
  /** It runs the Nu HTML checker on Java. */
  readonly java: boolean;
  /** It runs Eleventy or a Sosik CLI process. */
  readonly build: boolean;
}

/** Names of the helpers that start a Sosik CLI process or a build. */
const BUILD_HELPERS = new Set(["runCli", "buildSite", "runProjectCli"]);

/** Value imports (not `import type`) of a module: what it names and where from. */
function valueImports(source: string): { names: string[]; specifier: string }[] {
  const imports: { names: string[]; specifier: string }[] = [];
  for (const match of source.matchAll(/^import\s+(?!type\s)([^;]*?)\s*from\s*"([^"]+)"/gm)) {
    const clause = match[1] ?? "";
    const braces = /\{([^}]*)\}/.exec(clause)?.[1] ?? "";
    const names = braces
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== "" && !name.startsWith("type "))
      .map((name) => name.split(/\s+as\s+/)[0] ?? name);
    imports.push({ names, specifier: match[2] ?? "" });
  }
  return imports;
}

/**
 * What `file` (relative to the project) needs: it and the local test modules it imports (not
 * `src/`, which every tier shares), followed through their own imports.
 */
export function needsOf(file: string): Needs {
  const helpers = join(ROOT, "tests", "helpers") + sep;
  const seen = new Set<string>();
  let browser = false;
  let java = false;
  let build = false;
  const visit = (path: string): void => {
    if (seen.has(path) || !existsSync(path)) return;
    seen.add(path);
    const source = readFileSync(path, "utf8");
    // The HTML checker is a jar started with `java -jar`.
    if (/["']-jar["']/.test(source)) java = true;
    for (const { names, specifier } of valueImports(source)) {
      if (specifier === "playwright-core") browser = true;
      if (specifier === "@11ty/eleventy") build = true;
      if (!specifier.startsWith(".")) continue;
      const target = resolve(dirname(path), specifier);
      if (target === join(ROOT, "src", "build-site.ts")) build = true;
      // The helpers define and re-export these; whoever else imports them runs a build.
      if (!path.startsWith(helpers) && names.some((name) => BUILD_HELPERS.has(name))) {
        build = true;
      }
      if (
        !target.startsWith(join(ROOT, "src") + sep) &&
        !target.includes(`${sep}node_modules${sep}`)
      ) {
        visit(target);
      }
    }
  };
  visit(resolve(ROOT, file));
  return { browser, java, build };
}

/** Why `file` does not belong in `tier`, or undefined when it does. */
export function misplacement(tier: Tier, needs: Needs): string | undefined {
  if (needs.browser && needs.java) return "uses both Chromium and Java: split it";
  if (needs.java)
    return tier === "html" ? undefined : "runs the HTML checker: name it *.html.test.ts";
  if (needs.browser) {
    return tier === "browser" ? undefined : "launches Chromium: name it *.browser.test.ts";
  }
  if (tier === "browser") return "launches no browser: not a browser test";
  if (tier === "html") return "runs no HTML checker: not an html test";
  if (tier === "unit" && needs.build) return "runs a build or a CLI process: not a unit test";
  return undefined;
}
