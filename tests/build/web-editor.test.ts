import assert from "node:assert/strict";
import { cp, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as cheerio from "cheerio";
import { LICENSES } from "../../src/content/schema.ts";
import { noticeFields, noticeJsonSchema } from "../../src/editor/config.ts";
import { SAMPLE_CONTENT, buildSite, runCli, tempDir } from "../helpers/site.ts";

const ministries = {
  MOIS: { ko: "행정안전부", en: "Ministry of the Interior and Safety" },
  MOEF: { ko: "기획재정부", en: "Ministry of Economy and Finance" },
};
const departments = {
  "digital-government": { ko: "디지털정부국", en: "Digital Government Bureau" },
};

/** A copy of the sample content with `editor` set in site.json. */
async function contentWithEditor(editor: unknown): Promise<string> {
  const dir = join(await tempDir(), "content");
  await cp(SAMPLE_CONTENT, dir, { recursive: true });
  const sitePath = join(dir, "_data/site.json");
  const site = JSON.parse(await readFile(sitePath, "utf8")) as Record<string, unknown>;
  await writeFile(sitePath, `${JSON.stringify({ ...site, editor }, null, 2)}\n`);
  return dir;
}

describe("web editor configuration", () => {
  it("has one field for every schema key and no other, with the schema's required flags", () => {
    const schema = noticeJsonSchema({ ministries, departments });
    const fields = noticeFields({ ministries, departments });
    assert.deepEqual(
      fields.map((field) => field.name),
      [...Object.keys(schema.properties), "body"],
      "every front-matter key should have a field, in schema order, then the body",
    );
    for (const field of fields.filter((field) => field.name !== "body")) {
      assert.equal(
        field.required,
        schema.required.includes(field.name),
        `${field.name}: required flag should match the schema`,
      );
      assert.equal(
        field.hint,
        schema.properties[field.name]?.description,
        `${field.name}: help text should be the schema's description`,
      );
    }
  });

  it("offers exactly the ministries, departments and licences of the data files and the schema", () => {
    const fields = noticeFields({ ministries, departments });
    const values = (name: string) =>
      fields.find((field) => field.name === name)?.options?.map((option) => option.value);
    assert.deepEqual(values("ministry"), Object.keys(ministries));
    assert.deepEqual(values("department"), Object.keys(departments));
    assert.deepEqual(values("license"), [...LICENSES]);
  });

  it("checks the title's 300 and the summary's 500 characters before saving", () => {
    const fields = noticeFields({ ministries, departments });
    const pattern = (name: string) =>
      new RegExp(fields.find((field) => field.name === name)?.pattern?.[0] ?? "");
    assert.ok(
      pattern("title").test("가".repeat(300)) && !pattern("title").test("가".repeat(301)),
      "title: 1 to 300",
    );
    assert.ok(!pattern("title").test(""), "an empty title is refused");
    assert.ok(
      pattern("summary").test("a".repeat(500)) && !pattern("summary").test("a".repeat(501)),
      "summary: up to 500",
    );
  });
});

describe("publishing /admin/", () => {
  it("leaves /admin/ out of a build unless site.json turns it on", async () => {
    const { output } = await buildSite(SAMPLE_CONTENT);
    await assert.rejects(stat(join(output, "admin")), "a default build should have no /admin/");
  });

  it("publishes /admin/ with a GitHub editorial workflow and its own CSP when turned on", async () => {
    const content = await contentWithEditor({
      publish: true,
      backend: { name: "github", repo: "mois/news", branch: "main" },
    });
    const { output } = await buildSite(content);
    const $ = cheerio.load(await readFile(join(output, "admin/index.html"), "utf8"));
    const csp = $('meta[http-equiv="Content-Security-Policy"]').attr("content") ?? "";
    assert.match(
      csp,
      /connect-src 'self' blob: https:\/\/api\.github\.com;/,
      "the admin page may reach GitHub's API",
    );
    assert.match(csp, /script-src 'self' 'unsafe-eval';/);
    await stat(join(output, "admin/decap-cms.js"));
    const { config } = JSON.parse(await readFile(join(output, "admin/config.json"), "utf8")) as {
      config: Record<string, unknown>;
    };
    assert.deepEqual(config["backend"], { name: "github", repo: "mois/news", branch: "main" });
    assert.equal(
      config["publish_mode"],
      "editorial_workflow",
      "every change should be a pull request",
    );
    const home = cheerio.load(await readFile(join(output, "ko/index.html"), "utf8"));
    assert.doesNotMatch(
      home('meta[http-equiv="Content-Security-Policy"]').attr("content") ?? "",
      /unsafe-eval/,
      "the rest of the site keeps its policy",
    );
  });

  it("refuses publish without a backend, naming site.json and its line", async () => {
    const content = await contentWithEditor({ publish: true });
    const result = await runCli("check", ["--content", content]);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr + result.stdout,
      /_data\/site\.json:\d+: editor.*backend/,
      "the error should name the file, line and key",
    );
  });
});
