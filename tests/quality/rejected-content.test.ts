// Hostile content that must not be published: each file fails the build with a clear error
// naming the file, line and key, no stack trace, and nothing written anywhere.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeContent, noticeFile, runCli, tempDir } from "../helpers/site.ts";
import { HOSTILE_REJECTED } from "./fixtures.ts";

const VALID = { date: "2020-03-01", ministry: "MOIS", title: "A valid notice" };

/** The rejected fixture in en/notices, plus files that git cannot hold or names it should not. */
async function rejectedContent(): Promise<string> {
  const dir = await makeContent({
    "ko/notices/2020-03-05-raw-control.md": noticeFile(
      { ...VALID, date: "2020-03-05" },
      "line one\nA raw \u001b[31m escape sequence.",
    ),
    // A file name cannot hold a slash, but it can hold dots, backslashes and escapes.
    "en/notices/2020-03-01-..-..-escaped.md": noticeFile(VALID),
    "en/notices/2020-03-02-a\\..\\..\\escaped.md": noticeFile(VALID),
    "en/notices/2020-03-03-%2e%2e%2fescaped.md": noticeFile(VALID),
  });
  const notices = join(dir, "en", "notices");
  await cp(HOSTILE_REJECTED, notices, { recursive: true });
  await symlink("/etc/hostname", join(notices, "files", "link-outside.txt"));
  // "공지 EUC-KR" and "사항" as EUC-KR bytes, as an editor's old text editor would save them.
  const eucKr = Buffer.concat([
    Buffer.from('---\ntitle: "'),
    Buffer.from([0xb0, 0xf8, 0xc1, 0xf6]),
    Buffer.from(' EUC-KR"\ndate: 2020-03-04\nministry: MOIS\n---\n'),
    Buffer.from([0xbb, 0xe7, 0xc7, 0xd7, 0x0a]),
  ]);
  await mkdir(join(dir, "ko", "notices"), { recursive: true });
  await writeFile(join(dir, "ko", "notices", "2020-03-04-not-utf8.md"), eucKr);
  await writeFile(
    join(dir, "_data", "site.json"),
    JSON.stringify({
      name: { ko: "행정안전부", en: "Ministry \u0007 of the Interior" },
      baseUrl: "https://news.example.go.kr",
      pathPrefix: "/../../",
    }),
  );
  return dir;
}

describe("hostile content that must be refused", () => {
  it("fails the build with one clear error per problem and writes nothing", async () => {
    const content = await rejectedContent();
    const parent = await tempDir();
    const output = join(parent, "site", "_site");
    const result = await runCli("build", ["--content", content, "--output", output]);
    assert.equal(result.code, 1, `exit code should be 1, stderr:\n${result.stderr}`);
    const expected = [
      "en/notices/2020-02-01-alias-bomb.md: front matter: invalid YAML: Excessive alias count",
      "en/notices/2020-02-02-permalink.md:5: permalink: unknown key; allowed keys are title,",
      "en/notices/2020-02-02-permalink.md:6: eleventyComputed: unknown key",
      "en/notices/2020-02-03-attachment-escape.md:6: attachments.0.file: expected a path inside the notices folder",
      "en/notices/2020-02-03-attachment-escape.md:8: attachments.1.file: expected a path inside the notices folder",
      "en/notices/2020-02-03-attachment-escape.md:10: attachments.2.file: expected a path inside the notices folder",
      'en/notices/2020-02-03-attachment-escape.md:12: attachments.3.file: "files/link-outside.txt" is a link to /etc/hostname, outside the content folder',
      "en/notices/2020-02-04-control-characters.md:2: title: contains U+0007 (a control character), which a web page cannot show",
      "en/notices/2020-02-04-control-characters.md:5: summary: contains U+FFFF (a Unicode noncharacter)",
      "en/notices/2020-02-04-control-characters.md:8: attachments.0.title: contains U+D800 (half of a broken character)",
      "en/notices/2020-03-01-..-..-escaped.md: file name: expected YYYY-MM-DD-words-in-ascii.md",
      "en/notices/2020-03-02-a\\..\\..\\escaped.md: file name: expected YYYY-MM-DD-words-in-ascii.md",
      "en/notices/2020-03-03-%2e%2e%2fescaped.md: file name: expected YYYY-MM-DD-words-in-ascii.md",
      "ko/notices/2020-03-04-not-utf8.md:2: file: not UTF-8 text (saved as EUC-KR or CP949?); save the file as UTF-8",
      "ko/notices/2020-03-05-raw-control.md:7: file: contains U+001B (a control character)",
      "_data/site.json:1: name.en: contains U+0007 (a control character)",
      "_data/site.json:1: pathPrefix: expected a path like / or /repo-name/",
    ];
    for (const line of expected) {
      assert.ok(
        result.stderr.includes(line),
        `stderr should include\n  ${line}\ngot\n${result.stderr}`,
      );
    }
    assert.match(result.stderr, new RegExp(`^${String(expected.length)} errors, 0 warnings`, "m"));
    assert.doesNotMatch(result.stderr, /\bat .*\.(ts|js):\d+/, "no stack trace should be printed");
    assert.deepEqual(await readdir(parent), [], "nothing should be written, not even the output");
    for (const escaped of ["escaped-by-permalink.html", "escaped-by-computed.html"]) {
      for (const dir of [parent, join(parent, ".."), content, join(content, "..")]) {
        assert.ok(!existsSync(join(dir, escaped)), `${escaped} should not exist in ${dir}`);
      }
    }
  });

  it("refuses a path prefix that climbs out of the site", async () => {
    const parent = await tempDir();
    const content = await makeContent({ "en/notices/2020-03-01-fine.md": noticeFile(VALID) });
    const result = await runCli("build", [
      "--content",
      content,
      "--output",
      join(parent, "_site"),
      "--path-prefix",
      "../..",
    ]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /--path-prefix: expected a path like \/name\/, got "\.\.\/\.\."/);
    assert.deepEqual(await readdir(parent), []);
  });
});
