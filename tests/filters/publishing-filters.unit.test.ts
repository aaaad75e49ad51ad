import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { siteUrl } from "../../src/filters/site-url.ts";
import { textExcerpt } from "../../src/filters/text-excerpt.ts";

describe("siteUrl", () => {
  it("joins the base URL, the path prefix and the page path with single slashes", () => {
    const site = { baseUrl: "https://news.example.go.kr", pathPrefix: "/" };
    assert.equal(siteUrl("/en/notices/", site), "https://news.example.go.kr/en/notices/");
    assert.equal(siteUrl("/", site), "https://news.example.go.kr/");
    const project = { baseUrl: "https://user.github.io", pathPrefix: "/sosik/" };
    assert.equal(siteUrl("/en/feed.xml", project), "https://user.github.io/sosik/en/feed.xml");
    assert.equal(siteUrl("/", project), "https://user.github.io/sosik/");
  });
});

describe("textExcerpt", () => {
  it("turns notice HTML into one line of text, entities decoded", () => {
    assert.equal(
      textExcerpt("<h2>Heading</h2>\n<p>Fish &amp; <strong>chips</strong>, &quot;hot&quot;.</p>"),
      'Heading Fish & chips, "hot".',
    );
  });

  it("keeps Korean words whole around inline markup", () => {
    assert.equal(
      textExcerpt("<p><strong>운영 시간</strong>이 바뀝니다</p>"),
      "운영 시간이 바뀝니다",
    );
  });

  it("cuts long text at a word boundary with an ellipsis, within the limit", () => {
    const excerpt = textExcerpt(`<p>${"word ".repeat(50)}</p>`, 30);
    assert.equal(excerpt, "word word word word word word…");
    assert.ok(excerpt.length <= 30);
    assert.equal(textExcerpt("<p>short</p>", 30), "short");
  });
});
