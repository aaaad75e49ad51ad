/**
 * Warm publish: a build over the previously published version keeps the pages nothing changed
 * (src/output/render-cache.ts) and must write exactly what a cold build of the same content
 * writes. Random sequences of edits are applied to a copy of the sample site and of the project
 * (so templates can change too); after each one the warm output is compared with a cold build,
 * file by file. The seed is printed in every message; SOSIK_TEST_SEED repeats a sequence.
 */
import assert from "node:assert/strict";
import { cp, readFile, readdir, readlink, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { seededRandom } from "../../bench/corpus.ts";
import { EXIT } from "../../src/cli/run.ts";
import { copyProject, editProjectFile, runProjectCli } from "../helpers/project-copy.ts";
import { SAMPLE_CONTENT, tempDir } from "../helpers/site.ts";
import type { CommandResult } from "../helpers/site.ts";
import { snapshotTree, treeDifferences } from "../helpers/tree.ts";

const SEED = Number(process.env["SOSIK_TEST_SEED"] ?? Date.now() % 1_000_000);
const STEPS = 12;
/** 2026-12-01, after every sample notice; steps may move it on. */
const START = Date.UTC(2026, 11, 1) / 1000;

interface Workspace {
  readonly project: string;
  readonly content: string;
  readonly output: string;
  epoch: number;
}

async function workspace(): Promise<Workspace> {
  const project = await copyProject();
  const content = join(project, "content");
  await cp(SAMPLE_CONTENT, content, { recursive: true });
  return { project, content, output: join(dirname(project), "_site"), epoch: START };
}

function build(space: Workspace, output: string): Promise<CommandResult> {
  return runProjectCli(space.project, "build", ["--content", space.content, "--output", output], {
    SOURCE_DATE_EPOCH: String(space.epoch),
  });
}

/** Builds warm (into the kept output) and cold (into a new folder) at once; both must match. */
async function assertWarmLikeCold(space: Workspace, what: string): Promise<CommandResult> {
  const cold = join(await tempDir("sosik-cold-"), "_site");
  const [warm, fresh] = await Promise.all([build(space, space.output), build(space, cold)]);
  assert.equal(warm.code, EXIT.ok, `${what}: the warm build should succeed:\n${warm.stderr}`);
  assert.equal(fresh.code, EXIT.ok, `${what}: the cold build should succeed:\n${fresh.stderr}`);
  const differences = treeDifferences(await snapshotTree(cold), await snapshotTree(space.output));
  assert.deepEqual(differences, [], `${what}: the warm output should equal a cold build's`);
  await rm(dirname(cold), { recursive: true, force: true });
  return warm;
}

/** Pages the build said it kept from the last build. */
function keptPages(result: CommandResult): number {
  return Number(/, (\d+) of them unchanged since the last build/.exec(result.stdout)?.[1] ?? 0);
}

async function noticeFiles(space: Workspace): Promise<string[]> {
  const files: string[] = [];
  for (const lang of ["ko", "en"]) {
    for (const board of ["notices", "press"]) {
      const folder = join(space.content, lang, board);
      const names = await readdir(folder).catch(() => [] as string[]);
      files.push(...names.filter((n) => n.endsWith(".md")).map((n) => join(folder, n)));
    }
  }
  return files.sort();
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  await writeFile(file, change(await readFile(file, "utf8")));
}

/** One random change to the content, the settings, the clock or a template; says what it did. */
type Step = (space: Workspace, pick: <T>(items: readonly T[]) => T, n: number) => Promise<string>;

const STEPS_TO_PICK: readonly Step[] = [
  async (space, pick, n) => {
    const file = pick(await noticeFiles(space));
    await edit(file, (text) => `${text}\nA further paragraph, number ${String(n)}.\n`);
    return `edited the body of ${basename(file)}`;
  },
  async (space, pick, n) => {
    const file = pick(await noticeFiles(space));
    await edit(file, (text) => text.replace(/^title: .*$/m, `title: "Changed title ${String(n)}"`));
    return `changed the title of ${basename(file)}`;
  },
  async (space, pick, n) => {
    const lang = pick(["ko", "en"]);
    const day = String(1 + (n % 27)).padStart(2, "0");
    const slug = `2026-11-${day}-added-notice-${String(n)}`;
    const file = join(space.content, lang, "notices", `${slug}.md`);
    const title = lang === "ko" ? `새 공지 ${String(n)}` : `Added notice ${String(n)}`;
    await writeFile(
      file,
      `---\ntitle: "${title}"\ndate: 2026-11-${day}\nministry: MOIS\n---\n## ${title}\n\n- one\n- two\n`,
    );
    return `added ${lang}/notices/${slug}.md`;
  },
  async (space, pick) => {
    // Only notices no other file names (a link to a deleted notice is a content error).
    const files = await noticeFiles(space);
    const texts = await Promise.all(files.map((file) => readFile(file, "utf8")));
    const free = files.filter((file) => {
      const slug = basename(file, ".md");
      return texts.every((text, i) => files[i] === file || !text.includes(slug));
    });
    if (free.length < 2) return "deleted nothing";
    const file = pick(free);
    await rm(file);
    return `deleted ${basename(file)}`;
  },
  async (space, pick, n) => {
    // Translates an added notice (its body has no photos or attachments to carry over).
    const added = (await noticeFiles(space)).filter((file) => file.includes("-added-notice-"));
    const untranslated = [];
    for (const file of added) {
      const other = file.includes("/ko/")
        ? file.replace("/ko/", "/en/")
        : file.replace("/en/", "/ko/");
      if (
        !(await readFile(other).then(
          () => true,
          () => false,
        ))
      )
        untranslated.push([file, other]);
    }
    if (untranslated.length === 0) return "translated nothing";
    const [file, other] = pick(untranslated) as [string, string];
    await edit(file, (text) => text);
    const text = await readFile(file, "utf8");
    await writeFile(other, text.replace(/^title: .*$/m, `title: "Translation ${String(n)}"`));
    return `translated ${basename(file)}`;
  },
  async (space, pick) => {
    const files = [];
    for (const file of await noticeFiles(space)) {
      const text = await readFile(file, "utf8");
      if (!/^(expires|pinned):/m.test(text)) files.push(file);
    }
    const file = pick(files);
    await edit(file, (text) =>
      text.replace(/^date: .*$/m, (line) => `${line}\nexpires: 2026-11-30`),
    );
    return `made ${basename(file)} expire`;
  },
  (space) => {
    space.epoch += 9 * 86_400;
    return Promise.resolve("moved the clock on nine days (new badges, expiries)");
  },
  async (space, pick, n) => {
    const file = pick(await noticeFiles(space));
    await edit(file, (text) =>
      /^readCount: /m.test(text)
        ? text.replace(/^readCount: .*$/m, `readCount: ${String(1000 + n)}`)
        : text.replace(/^date: .*$/m, (line) => `${line}\nreadCount: ${String(1000 + n)}`),
    );
    return `changed the read count of ${basename(file)}`;
  },
  async (space, _pick, n) => {
    await edit(join(space.content, "_data/site.json"), (text) =>
      text.replace(/"en": "[^"]*"/, `"en": "Ministry of Tests ${String(n)}"`),
    );
    return "renamed the site in site.json";
  },
  async (space, _pick, n) => {
    await edit(join(space.content, "_data/ministries.json"), (text) =>
      text.replace(/"MOEF": \{ "ko": "[^"]*"/, `"MOEF": { "ko": "기획재정부${String(n)}"`),
    );
    return "renamed a ministry in ministries.json";
  },
  async (space, _pick, n) => {
    await editProjectFile(
      space.project,
      "layouts/partials/notice-page.njk",
      "<article",
      `<!-- layout change ${String(n)} --><article`,
    );
    return "changed the notice page's layout";
  },
];

describe("a warm publish writes what a cold build writes", () => {
  let space: Workspace;

  before(async () => {
    space = await workspace();
    const first = await build(space, space.output);
    assert.equal(first.code, EXIT.ok, first.stderr);
  });

  it(`keeps every page of an unchanged site and still equals a cold build (seed ${String(SEED)})`, async () => {
    const result = await assertWarmLikeCold(space, "unchanged content");
    assert.ok(keptPages(result) > 40, `most pages should be kept:\n${result.stdout}`);
  });

  it(`stays byte-identical over a random sequence of changes (seed ${String(SEED)})`, async () => {
    const next = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const done: string[] = [];
    for (let n = 1; n <= STEPS; n++) {
      const step = pick(STEPS_TO_PICK);
      const what = await step(space, pick, n);
      done.push(what);
      const result = await assertWarmLikeCold(
        space,
        `seed ${String(SEED)}, after: ${done.join("; ")}`,
      );
      // Editing or adding one notice renders its page, its neighbours and its board's list
      // pages: the other notices' pages are kept. (A deletion may take the last notice of a
      // year or a ministry off the search page's filters, which every page's signature holds.)
      if (/^(edited the body|added) /.test(what)) {
        assert.ok(keptPages(result) > 10, `${what} should keep other pages (seed ${String(SEED)})`);
      }
    }
  });

  it("renders again a page whose published file was changed, and a page of a new layout", async () => {
    const published = await readlink(space.output);
    const store = join(dirname(space.output), dirname(published));
    const site = join(store, basename(published));
    const page = join(site, "ko/notices/index.html");
    await writeFile(page, `${await readFile(page, "utf8")}<!-- changed by hand -->`);
    await assertWarmLikeCold(space, "a published page changed by hand");
    await editProjectFile(space.project, "layouts/partials/base.njk", "<body", "<!-- x --><body");
    const result = await assertWarmLikeCold(space, "a layout changed");
    assert.equal(keptPages(result), 0, "a layout change must render every page again");
  });

  it("prepares again a body whose bytes in the cache were damaged", async () => {
    const published = await readlink(space.output);
    const cache = join(dirname(space.output), `${published}.cache`);
    const bytes = await readFile(cache);
    // The cache begins with the bodies: flip a letter of the first one's HTML.
    const at = bytes.indexOf("<p>") + 3;
    assert.ok(at >= 3, "the cache should begin with the bodies' HTML");
    bytes[at] = (bytes[at] ?? 0) ^ 0x20;
    await writeFile(cache, bytes);
    // Renaming the site draws every page again, each from its body in the cache.
    await edit(join(space.content, "_data/site.json"), (text) =>
      text.replace(/"en": "[^"]*"/, `"en": "Ministry of Damaged Caches"`),
    );
    const result = await assertWarmLikeCold(space, "a damaged body in the cache");
    assert.equal(keptPages(result), 0, "a renamed site must render every page again");
  });

  it("copies the bodies still used into a new cache when most of them changed", async () => {
    const files = await noticeFiles(space);
    // Two of every three bodies change: less than half the old cache stays live.
    const changed = files.filter((_, i) => i % 3 !== 0);
    for (const file of changed)
      await edit(file, (text) => `${text}\nA line added to most bodies.\n`);
    const published = await readlink(space.output);
    const before = (await stat(join(dirname(space.output), `${published}.cache`))).size;
    const result = await assertWarmLikeCold(space, "most bodies edited");
    assert.ok(keptPages(result) > 0, "the pages of unchanged notices should be kept");
    const now = await readlink(space.output);
    const after = (await stat(join(dirname(space.output), `${now}.cache`))).size;
    assert.ok(
      after < before * 1.5,
      `the cache should not keep dead bodies (${String(before)} -> ${String(after)} bytes)`,
    );
  });

  it("ignores a damaged cache and builds cold", async () => {
    const published = await readlink(space.output);
    const cache = join(dirname(space.output), `${published}.cache`);
    const bytes = await readFile(cache);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    await writeFile(cache, bytes);
    const result = await assertWarmLikeCold(space, "a damaged cache");
    assert.equal(keptPages(result), 0, "nothing may be kept on a damaged cache's word");
  });
});
