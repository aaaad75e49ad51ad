/**
 * The sample site's feeds as feed readers read them: every feed of both languages through three
 * npm parsers (@rowanmanning/feed-parser, rss-parser, feedparser) and Python's feedparser from
 * Debian (`python3-feedparser`, which many aggregators use), plus the RFC 4287 rules those
 * readers rely on. The site is built under a path prefix, so entry links must carry it.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { promisify } from "node:util";
import { parseFeed } from "@rowanmanning/feed-parser";
import * as cheerio from "cheerio";
import FeedParser from "feedparser";
import RssParser from "rss-parser";
import { fileForUrl } from "../helpers/links.ts";
import { buildSite, listFiles, readPage, SAMPLE_CONTENT } from "../helpers/site.ts";
import { assertWellFormedXml } from "../helpers/xml.ts";

const BASE = "https://news.example.go.kr";
const PREFIX = "/sosik/";
const SITE = `${BASE}${PREFIX}`;
/** Debian's interpreter: `python3-feedparser` installs for it, not for a python3 of pyenv's. */
const DEBIAN_PYTHON = "/usr/bin/python3";
const run = promisify(execFile);

/** A feed as one reader sees it: its title and each entry's id and the link it opens. */
interface ReaderView {
  readonly title: string | undefined;
  readonly entries: readonly {
    readonly id: string | undefined;
    readonly link: string | undefined;
  }[];
}

const readers: Readonly<Record<string, (xml: string) => Promise<ReaderView>>> = {
  "@rowanmanning/feed-parser": (xml) => {
    const feed = parseFeed(xml);
    return Promise.resolve({
      title: feed.title ?? undefined,
      entries: feed.items.map((item) => ({
        id: item.id ?? undefined,
        link: item.url ?? undefined,
      })),
    });
  },
  "rss-parser": async (xml) => {
    const feed = await new RssParser().parseString(xml);
    return {
      title: feed.title,
      // An Atom entry's <id> lands in `id`, which the item type leaves untyped.
      entries: feed.items.map((item) => {
        const id: unknown = item["id"];
        return { id: typeof id === "string" ? id : undefined, link: item.link };
      }),
    };
  },
  feedparser: (xml) =>
    new Promise((resolve, reject) => {
      const parser = new FeedParser({ strict: true });
      const entries: { id: string | undefined; link: string | undefined }[] = [];
      parser.on("error", reject);
      parser.on("readable", function (this: FeedParser) {
        for (let item = this.read(); item; item = this.read()) {
          entries.push({ id: item.guid, link: item.link });
        }
      });
      parser.on("end", () => {
        resolve({ title: parser.meta.title, entries });
      });
      parser.end(xml);
    }),
};

/** What Python's feedparser makes of each feed file, or why it cannot be asked. */
async function pythonFeedparser(
  files: readonly string[],
): Promise<Record<string, PythonView> | string> {
  const script = `
import json, sys
try:
    import feedparser
except ImportError:
    print(json.dumps("python3-feedparser is not installed (apt-get install python3-feedparser)"))
    sys.exit(0)
out = {}
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out[path] = {
        "bozo": str(d.bozo_exception) if d.bozo else "",
        "title": d.feed.get("title"),
        "entries": [
            {"id": e.get("id"), "link": e.get("link"),
             "links": [{"rel": l.get("rel"), "hreflang": l.get("hreflang"), "href": l.get("href")}
                       for l in e.get("links", [])]}
            for e in d.entries
        ],
    }
print(json.dumps(out))
`;
  try {
    const { stdout } = await run(DEBIAN_PYTHON, ["-c", script, ...files], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as Record<string, PythonView> | string;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return `${DEBIAN_PYTHON} is missing (apt-get install python3-feedparser)`;
    }
    throw error;
  }
}

/** One feed as Python's feedparser reads it. */
interface PythonView {
  readonly bozo: string;
  readonly title: string | null;
  readonly entries: readonly {
    readonly id: string | null;
    readonly link: string | null;
    readonly links: readonly { rel: string; hreflang: string | null; href: string }[];
  }[];
}

describe("feeds in feed readers", () => {
  let output = "";
  /** Feed files of the output (`ko/feed.xml`, `en/feeds/mois.xml`, ...) with their language. */
  let feeds: { file: string; lang: "ko" | "en" }[] = [];
  /** The pages' own addresses, as the canonical link of each built page gives them. */
  const pageChecked = new Map<string, string>();

  /** Throws unless `link` opens a page of the site in `lang` whose address is `link` itself. */
  async function assertOwnPage(link: string | undefined, id: string, lang: string, who: string) {
    assert.equal(
      link,
      id,
      `${who}: the entry ${id} should open its own page, not ${link ?? "none"}`,
    );
    assert.ok(
      new RegExp(`^${SITE}${lang}/(notices|press)/`).test(link),
      `${who}: ${link} should be a ${lang} notice page under the path prefix`,
    );
    let pageLang = pageChecked.get(link);
    if (pageLang === undefined) {
      const path = new URL(link).pathname;
      assert.ok(fileForUrl(output, path, PREFIX), `${link} should be a page of the site`);
      const $ = await readPage(output, path.slice(PREFIX.length - 1));
      assert.equal($('link[rel="canonical"]').attr("href"), link, `${link} is its page's address`);
      pageLang = $("html").attr("lang") ?? "";
      pageChecked.set(link, pageLang);
    }
    assert.equal(pageLang, lang, `${who}: ${link} in the ${lang} feed should be a ${lang} page`);
  }

  before(async () => {
    ({ output } = await buildSite(SAMPLE_CONTENT, [
      "--base-url",
      BASE,
      "--path-prefix",
      PREFIX,
      "--render-only",
    ]));
    feeds = (await listFiles(output)).flatMap((file) => {
      const lang = /^(ko|en)\/(?:feed|feeds\/[a-z][a-z0-9-]*)\.xml$/.exec(file)?.[1];
      return lang === "ko" || lang === "en" ? [{ file, lang }] : [];
    });
    assert.ok(feeds.length >= 4, `the sample site should have feeds in both languages`);
  });

  it("links a Korean entry's English translation as related, never as a second alternate", async () => {
    const xml = await readFile(join(output, "ko/feed.xml"), "utf8");
    const $ = cheerio.load(xml, { xml: true });
    const translated = $("entry").filter(
      (_, entry) => $(entry).find('link[rel="related"]').length > 0,
    );
    assert.ok(translated.length > 0, "the sample's Korean feed should have translated entries");
    translated.each((_, entry) => {
      const related = $(entry).find('link[rel="related"]');
      assert.equal(related.attr("hreflang"), "en", "the translation is named by its language");
      assert.match(related.attr("href") ?? "", /\/sosik\/en\/(notices|press)\//, "and leads to it");
      assert.ok(related.attr("title"), "with its title");
      assert.equal($(entry).find('link:not([rel]), link[rel="alternate"]').length, 1);
    });
  });

  for (const [name, read] of Object.entries(readers)) {
    it(`${name} opens each entry's own page in the feed's language`, async () => {
      let entries = 0;
      for (const { file, lang } of feeds) {
        const xml = await readFile(join(output, file), "utf8");
        assertWellFormedXml(xml, file);
        const view = await read(xml);
        for (const entry of view.entries) {
          assert.ok(entry.id, `${name}: every entry of ${file} should have an id`);
          await assertOwnPage(entry.link, entry.id, lang, `${name} on ${file}`);
          entries += 1;
        }
      }
      assert.ok(entries >= 20, `${name} should have read the sample's entries, read ${entries}`);
    });
  }

  it("Python's feedparser (Debian) opens each entry's own page in the feed's language", async (t) => {
    const views = await pythonFeedparser(feeds.map(({ file }) => join(output, file)));
    if (typeof views === "string") {
      t.skip(views);
      return;
    }
    let translated = 0;
    for (const { file, lang } of feeds) {
      const view: PythonView | undefined = views[join(output, file)];
      assert.ok(view, `feedparser should have read ${file}`);
      assert.equal(view.bozo, "", `feedparser should find ${file} well-formed`);
      for (const entry of view.entries) {
        assert.ok(entry.id, `Python feedparser: every entry of ${file} should have an id`);
        await assertOwnPage(
          entry.link ?? undefined,
          entry.id,
          lang,
          `Python feedparser on ${file}`,
        );
        const other = entry.links.filter((link) => link.rel === "related");
        translated += other.length;
        for (const link of other) {
          assert.notEqual(link.hreflang, lang, `${file}: a related link is the translation`);
          assert.match(link.href, new RegExp(`^${SITE}${link.hreflang ?? "?"}/(notices|press)/`));
        }
      }
    }
    assert.ok(translated > 0, "feedparser should keep the translations as related links");
  });

  it("the feeds a page announces have distinct titles, each the feed's own title", async () => {
    const titles = new Map<string, string | undefined>();
    for (const { file } of feeds) {
      titles.set(
        `${PREFIX}${file}`,
        (await readers["rss-parser"]?.(await readFile(join(output, file), "utf8")))?.title,
      );
    }
    const pages = (await listFiles(output)).filter((file) => file.endsWith("index.html"));
    let withTwo = 0;
    for (const file of pages) {
      const $ = cheerio.load(await readFile(join(output, file), "utf8"));
      const announced = $('link[rel="alternate"][type="application/atom+xml"]')
        .map((_, link) => ({
          href: $(link).attr("href") ?? "",
          title: $(link).attr("title") ?? "",
        }))
        .get();
      const distinct = new Set(announced.map((feed) => feed.title));
      assert.equal(
        distinct.size,
        announced.length,
        `${file} should announce feeds with distinct titles: ${[...distinct].join(" | ")}`,
      );
      for (const feed of announced) {
        assert.ok(titles.has(feed.href), `${file} announces ${feed.href}, which should be a feed`);
        assert.equal(
          feed.title,
          titles.get(feed.href),
          `${file}: ${feed.href} is announced by its own title`,
        );
      }
      if (announced.length > 1) withTwo += 1;
    }
    assert.ok(withTwo > 0, "notice pages should announce their ministry's feed beside the board's");
  });

  it("meets RFC 4287: one id, title and updated each, absolute unique ids, one alternate per type and language", async () => {
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
    for (const { file, lang } of feeds) {
      const $ = cheerio.load(await readFile(join(output, file), "utf8"), { xml: true });
      const feed = $("feed");
      assert.equal(feed.attr("xmlns"), "http://www.w3.org/2005/Atom", `${file} is Atom`);
      assert.equal(feed.attr("xml:lang"), lang, `${file} names its language`);
      const ids = new Set<string>();
      for (const element of [
        feed,
        ...feed
          .children("entry")
          .toArray()
          .map((entry) => $(entry)),
      ]) {
        const where = element.is("feed") ? file : `${file} entry ${element.children("id").text()}`;
        for (const child of ["id", "title", "updated"]) {
          assert.equal(element.children(child).length, 1, `${where} should have one <${child}>`);
        }
        const id = element.children("id").text();
        assert.match(id, /^https:\/\//, `${where}: the id is an absolute IRI`);
        assert.ok(!ids.has(id), `${where}: ids are unique in the feed`);
        ids.add(id);
        assert.match(element.children("updated").text(), rfc3339, `${where}: updated is RFC 3339`);
        const alternates = element
          .children("link")
          .filter((_, link) => ($(link).attr("rel") ?? "alternate") === "alternate")
          .map((_, link) => `${$(link).attr("type") ?? ""} ${$(link).attr("hreflang") ?? ""}`)
          .get();
        assert.equal(
          new Set(alternates).size,
          alternates.length,
          `${where}: one alternate per type and hreflang`,
        );
        assert.deepEqual(
          alternates,
          [`text/html ${lang}`],
          `${where}: its one alternate is its ${lang} page`,
        );
      }
      assert.equal(feed.children("author").length, 1, `${file}: the feed's author covers entries`);
      assert.equal(
        feed.children('link[rel="self"]').attr("href"),
        `${SITE}${file}`,
        `${file}: self link`,
      );
    }
  });
});
