import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { prefixedPath, rewritePageUrls } from "../../src/plugins/path-prefix.ts";
import { tempDir } from "../helpers/site.ts";

const PREFIX = "/sosik/";
let eleventyUrl: (url: string) => string;

describe("the path prefix rewrite", () => {
  before(async () => {
    // Eleventy's own `url` filter, configured with the prefix: the rule the rewrite must follow.
    let config: UserConfig | undefined;
    const eleventy = new Eleventy(await tempDir(), await tempDir(), {
      pathPrefix: PREFIX,
      quietMode: true,
      config(eleventyConfig: UserConfig) {
        config = eleventyConfig;
      },
    });
    await eleventy.init();
    const filter = config?.getFilter("url") as ((url: string) => string) | undefined;
    assert.ok(filter, "Eleventy should provide its url filter");
    eleventyUrl = filter;
  });

  it("prefixes plain root-relative paths exactly as Eleventy's url filter does", () => {
    const values = [
      "/",
      "/en/",
      "/en/notices/",
      "/ko/notices/2018-07-23-ogp/",
      "/ko/notices/2018-07-23-ogp/plan%20v2.pdf",
      "/assets/site.css",
      "/.well-known/security.txt",
      "/sosik/",
      "/sosik/en/",
      "/sosik",
    ];
    for (const value of values) {
      assert.equal(
        prefixedPath(value, PREFIX),
        eleventyUrl(value),
        `${value} should be prefixed as Eleventy does`,
      );
    }
  });

  it("leaves every other kind of URL to Eleventy's filter", () => {
    for (const value of [
      "",
      "#content",
      "//cdn.example/x.js",
      "/a/../b",
      "/a/./b",
      "/a//b",
      "/x?q=1",
      "/x#top",
      "en/",
      "https://example.go.kr/x",
      "mailto:a@b",
    ]) {
      assert.equal(prefixedPath(value, PREFIX), undefined, `${value} should go to the filter`);
    }
  });

  it("rewrites URL attributes of start tags and the refresh URL, and nothing else", () => {
    const page = [
      '<!doctype html><html lang="en"><head>',
      '<meta http-equiv="refresh" content="0; url=/en/">',
      '<meta name="description" content="/not/a/url">',
      '<link rel="stylesheet" href="/assets/site.css">',
      '<script type="module" src="/assets/search.js"></script>',
      "<script>const html = '<a href=\"/inside/script/\">';</script>",
      "</head><body>",
      '<!-- <a href="/in/a/comment/"> -->',
      '<a href="/en/notices/" data-href="/data/attribute/">News &amp; Notices</a>',
      '<a href="https://www.example.go.kr/x" rel="noopener">out</a> <a href="#content">skip</a>',
      '<form action="/en/search/" method="get"><input name="q" type="search"></form>',
      '<img src="/ko/notices/x/photo.png" alt="">',
      '<article data-pagefind-body><a href="attachments/plan.pdf" download>plan</a></article>',
      "</body></html>",
    ].join("\n");
    const expected = page
      .replace("url=/en/", "url=/sosik/en/")
      .replace('href="/assets/site.css"', 'href="/sosik/assets/site.css"')
      .replace('src="/assets/search.js"', 'src="/sosik/assets/search.js"')
      .replace('href="/en/notices/"', 'href="/sosik/en/notices/"')
      .replace('action="/en/search/"', 'action="/sosik/en/search/"')
      .replace('src="/ko/notices/x/photo.png"', 'src="/sosik/ko/notices/x/photo.png"');
    const toUrl = (value: string) => prefixedPath(value, PREFIX) ?? eleventyUrl(value);
    assert.equal(rewritePageUrls(page, toUrl), expected);
  });
});
