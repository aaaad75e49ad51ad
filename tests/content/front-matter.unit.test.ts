import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDocument } from "yaml";
import { parseNoticeFile } from "../../src/content/front-matter.ts";
import { parsePlainFrontMatter } from "../../src/content/plain-front-matter.ts";

/** What the YAML library makes of front matter, or undefined when it finds an error. */
function yamlReading(yamlText: string): unknown {
  const doc = parseDocument(yamlText, { schema: "core", uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  return doc.toJS({ maxAliasCount: 50 }) as unknown;
}

/** Asserts the fast path either declines `yamlText` or reads exactly what YAML reads. */
function assertAgrees(yamlText: string): boolean {
  const plain = parsePlainFrontMatter(yamlText);
  if (plain === undefined) return false;
  assert.deepEqual(
    plain.data,
    yamlReading(yamlText),
    `the fast path should read ${JSON.stringify(yamlText)} as YAML does`,
  );
  return true;
}

describe("the plain front-matter reader", () => {
  const accepted = [
    'title: "Public data opening plan"\ndate: 2019-03-12\nreadCount: 1234\nministry: MOIS\n',
    "title: '공공데이터 개방 계획'\ndate: 2019-03-12T09:00:00+09:00\n",
    'title: "He said \\"hi\\" \\u00e9 \\/ \\\\ \\t"\n',
    "title: 'it''s'\n",
    "title: C# and F# notes\n",
    "title: a:b, c\n",
    "title: Korean text 한국어   # a comment\n",
    "# a comment\ntitle: x\n\n   # indented comment\ndraft: true\n",
    "draft: false\nother: TRUE\nthird: False\n",
    "summary: ~\nx: null\ny: Null\nz: NULL\nw:\n",
    "readCount: -3\nb: +5\nc: 007\nd: 99999999999999999999\n",
    "summary: yes\nother: NuLL\n",
    'title: "x" # trailing comment\n',
    "title: 'x'    # trailing comment\n",
    'attachments:\n  - file: a.pdf\n    title: "A"\n  - file: b.hwp\n    title: B\ndate: 2019-03-12\n',
    "attachments:\n- file: a.pdf\n  title: A\nx: 1\n",
    "attachments:\n\n    # a note\n    - file: a.pdf\n\n      title: A\n",
    "attachments:\n  - title: A\n    file:\n",
  ];
  for (const text of accepted) {
    it(`reads ${JSON.stringify(text)} itself, as YAML would`, () => {
      assert.ok(assertAgrees(text), "the fast path should take this front matter");
    });
  }

  const declined = [
    "attachments:\n  - a.pdf\n",
    "attachments:\n  -  file: a.pdf\n",
    "attachments:\n  - file: a.pdf\n   title: A\n",
    "attachments:\n  - file: a.pdf\n      title: A\n",
    "attachments:\n  - file:\n    - x: y\n",
    "attachments:\n  - file: a.pdf\n    file: b.pdf\n",
    "attachments:\n  file: a.pdf\n",
    "attachments:\n  - file: a.pdf\n - file: b.pdf\n",
    "title: &a x\nsummary: *a\n",
    "title: !!str 12\n",
    "title: [a, b]\n",
    "title: {a: b}\n",
    "title: |\n  block\n",
    "title: a: b\n",
    'title: "a" "b"\n',
    'title: "\\x41"\n',
    "title: x\ntitle: y\n",
    "readCount: 1_000\n",
    "readCount: 0x1F\n",
    "readCount: 1.5\n",
    "readCount: .inf\n",
    "title : x\n",
    '"title": x\n',
    "title:\tx\n",
    "- a\n",
    "%YAML 1.2\n",
    "",
    "# only a comment\n",
    "__proto__: x\n",
  ];
  for (const text of declined) {
    it(`leaves ${JSON.stringify(text)} to the YAML library`, () => {
      assert.equal(parsePlainFrontMatter(text), undefined);
    });
  }

  it("agrees with the YAML library on thousands of generated files", () => {
    const keys = ["title", "date", "readCount", "x", "draft", "file"];
    const values = [
      "", " ", "~", "null", "NULL", "nULL", "true", "TRUE", "tRue", "yes", "no", "-", "- a",
      "0", "-0", "+0", "12", "-12", "012", "1e3", "1.", ".5", "0o17", "0x1f", "1_0",
      "2019-03-12", "2019-03-12T09:00:00+09:00", "2019-3-12", "a b", "a  b", "a #b", "a # b",
      "a#b", "a: b", "a:b", "a:", ":a", "?a", "? a", "'a'", "'a''b'", "'a'b", "'a", "\"a\"",
      "\"a\\\"b\"", "\"a\\nb\"", "\"a\\u0041\"", "\"a\\ud800\"", "\"\\x41\"", "\"a\" #c",
      "\"a\"#c", "\"a", "a\"b", "한국어", "한국어 # 주석", "[a]", "{a}", "&a a", "*a", "!a",
      "|", ">", "%a", "@a", "`a`", "#a", ",a", "a,b", "a ,b", "a\tb", ".", "...", "---",
      "a'b", "\"\"", "''", "\"#\"", "'#'", "\"a\" ", "'a' # x",
    ];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return (seed >>> 8) % n;
    };
    const pick = <T,>(list: readonly T[]): T => list[random(list.length)] as T;
    const pair = () => {
      const value = pick(values);
      return `${pick(keys)}:${value === "" ? "" : " "}${value}`;
    };
    const spaces = () => " ".repeat(pick([0, 0, 1, 2, 2, 2, 3, 4, 4]));
    /** A key holding a list of small mappings, its indentation sometimes wrong. */
    const list = () => {
      const rows = [`${pick(keys)}:`];
      for (let item = 0; item < 1 + random(3); item++) {
        const indent = pick([0, 2, 2, 2, 4]);
        rows.push(`${" ".repeat(indent)}${pick(["- ", "- ", "- ", "-  ", "-"])}${pair()}`);
        for (let more = 0; more < random(3); more++) {
          rows.push(random(6) === 0 ? `${spaces()}# note` : `${random(4) === 0 ? spaces() : " ".repeat(indent + 2)}${pair()}`);
        }
      }
      return rows.join("\n");
    };
    let taken = 0;
    let lists = 0;
    for (let round = 0; round < 6000; round++) {
      const lines = Array.from({ length: 1 + random(3) }, () => {
        const kind = random(8);
        return kind === 0 ? `# ${pick(values)}` : kind < 3 ? list() : pair();
      });
      const text = `${lines.join("\n")}\n`;
      if (assertAgrees(text)) {
        taken++;
        if (text.includes("\n- ") || text.includes(" - ")) lists++;
      }
    }
    assert.ok(taken > 1000, `the fast path should take most simple front matter, took ${String(taken)}`);
    assert.ok(lists > 50, `the fast path should take many lists, took ${String(lists)}`);
  });

  it("gives the same data and key lines through parseNoticeFile either way", () => {
    const simple = parseNoticeFile('---\ntitle: "A"\n\ndate: 2019-03-12\n---\nBody\n');
    const nested = parseNoticeFile(
      '---\ntitle: "A"\n\ndate: 2019-03-12\nattachments:\n  - file: a.pdf\n---\nBody\n',
    );
    assert.ok(!("message" in simple) && !("message" in nested));
    assert.equal(simple.lineOf(["date"]), 4);
    assert.equal(nested.lineOf(["date"]), 4);
    assert.equal(simple.lineOf(["missing"]), undefined);
    assert.equal(simple.lineOf(["date", 0, "file"]), 4, "a path below a text value points at its key");
    assert.equal(nested.lineOf(["attachments", 0, "file"]), 6);
    assert.equal(simple.bodyLine, 6);
    assert.equal(nested.bodyLine, 8);
    assert.equal(simple.body, "Body\n");
  });
});
