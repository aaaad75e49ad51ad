/**
 * A small link checker: starting from a few URLs, fetches every same-origin URL that the site's
 * HTML, feeds, sitemap, robots.txt and stylesheets point to, as a reader or a crawler would
 * follow them, and reports each one that does not answer 200 or lacks its #fragment.
 */
import * as cheerio from "cheerio";

/** A link that did not resolve. */
export interface BrokenLink {
  readonly from: string;
  readonly url: string;
  readonly problem: string;
}

/** What a crawl found. */
export interface CrawlReport {
  /** Every same-origin URL fetched (without fragments), with its content type. */
  readonly fetched: ReadonlyMap<string, string>;
  readonly broken: readonly BrokenLink[];
}

interface Page {
  readonly type: string;
  readonly ids: ReadonlySet<string>;
}

/** URLs referenced by an HTML document, unresolved. */
function htmlLinks(html: string): string[] {
  const $ = cheerio.load(html);
  const links: string[] = [];
  const attrs: readonly [string, string][] = [
    ["a[href]", "href"],
    ["link[href]", "href"],
    ["script[src]", "src"],
    ["img[src]", "src"],
    ["source[src]", "src"],
    ["iframe[src]", "src"],
    ["form[action]", "action"],
  ];
  for (const [selector, attr] of attrs) {
    $(selector).each((_, element) => {
      const value = $(element).attr(attr);
      if (value !== undefined) links.push(value);
    });
  }
  // Responsive images: every candidate of a srcset ("a-480.avif 480w, a-960.avif 960w").
  $("img[srcset], source[srcset]").each((_, element) => {
    for (const candidate of ($(element).attr("srcset") ?? "").split(",")) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) links.push(url);
    }
  });
  // The picture a page gives to sharing (absolute, on the site's own address).
  $('meta[property="og:image"]').each((_, meta) => {
    const url = $(meta).attr("content");
    if (url) links.push(url);
  });
  $('meta[http-equiv="refresh" i]').each((_, meta) => {
    const target = /url=(.+)$/i.exec($(meta).attr("content") ?? "")?.[1];
    if (target) links.push(target.trim());
  });
  return links;
}

/** URLs referenced by a feed or sitemap, including links inside entries' HTML content. */
function xmlLinks(xml: string): string[] {
  const $ = cheerio.load(xml, { xml: true });
  const links = $("loc")
    .map((_, loc) => $(loc).text().trim())
    .get();
  $("link[href]").each((_, link) => {
    links.push($(link).attr("href") ?? "");
  });
  $("xhtml\\:link[href]").each((_, link) => {
    links.push($(link).attr("href") ?? "");
  });
  $('content[type="html"]').each((_, content) => {
    links.push(...htmlLinks($(content).text()));
  });
  return links;
}

function linksOf(type: string, body: string): string[] {
  if (type.includes("html")) return htmlLinks(body);
  if (type.includes("xml")) return xmlLinks(body);
  if (type.includes("css"))
    return [...body.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1] ?? "");
  if (type.startsWith("text/plain")) {
    return [...body.matchAll(/^Sitemap:\s*(\S+)/gim)].map((m) => m[1] ?? "");
  }
  return [];
}

/**
 * Crawls from `seeds`, following links on their origin only. Every followed URL must start with
 * `scope` (the site's base, path prefix included); others are reported broken without a fetch.
 */
export async function crawl(
  seeds: readonly string[],
  scope: string,
  maxUrls = 5000,
): Promise<CrawlReport> {
  const origin = new URL(scope).origin;
  const pages = new Map<string, Page | undefined>();
  const fetched = new Map<string, string>();
  const broken: BrokenLink[] = [];
  const fragments: { from: string; url: string; id: string }[] = [];
  const queue: { from: string; url: string }[] = seeds.map((url) => ({ from: "(start)", url }));

  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    const url = new URL(next.url);
    const id = decodeURIComponent(url.hash.slice(1));
    url.hash = "";
    const key = url.href;
    if (id) fragments.push({ from: next.from, url: key, id });
    if (pages.has(key)) continue;
    if (!key.startsWith(scope)) {
      pages.set(key, undefined);
      broken.push({ from: next.from, url: key, problem: "outside the site's path prefix" });
      continue;
    }
    if (pages.size >= maxUrls) throw new Error(`crawl stopped after ${String(maxUrls)} URLs`);
    const response = await fetch(key, { redirect: "manual" });
    const type = response.headers.get("content-type") ?? "";
    const body = await response.text();
    if (response.status !== 200) {
      pages.set(key, undefined);
      broken.push({ from: next.from, url: key, problem: `HTTP ${String(response.status)}` });
      continue;
    }
    fetched.set(key, type);
    const ids = type.includes("html")
      ? new Set(
          cheerio
            .load(body)("[id]")
            .map((_, element) => element.attribs["id"] ?? "")
            .get(),
        )
      : new Set<string>();
    pages.set(key, { type, ids });
    for (const link of linksOf(type, body)) {
      let target: URL;
      try {
        target = new URL(link, key);
      } catch {
        broken.push({ from: key, url: link, problem: "not a URL" });
        continue;
      }
      if (target.origin === origin) queue.push({ from: key, url: target.href });
    }
  }

  for (const { from, url, id } of fragments) {
    const page = pages.get(url);
    if (page && !page.ids.has(id))
      broken.push({ from, url: `${url}#${id}`, problem: "no such id" });
  }
  return { fetched, broken };
}
