/**
 * What the preview renders again after an edit: each notice page and list page is compared by
 * what it is drawn from with the last build, and only the pages that differ are rendered (the
 * others are still in the output from before).
 */
import { createHash } from "node:crypto";
import { isAbsolute, relative, resolve } from "node:path";
import type { Board } from "../board.ts";
import type { RenderSet, SiteData } from "../site-data.ts";

/** What each page of a build is drawn from, in a form cheap to compare with the next build. */
export interface RenderedSignatures {
  /** Site settings, ministries and anything else every page shows. */
  readonly global: string;
  /** Per notice URL. */
  readonly notices: ReadonlyMap<string, NoticeSignature>;
  /** Per board list page URL. */
  readonly pages: ReadonlyMap<string, string>;
}

/**
 * A notice's fields (as a digest of their JSON), and its body's digest apart (a list row shows
 * the fields only).
 * The body's HTML and search terms are not enumerable (src/board.ts): neither serialising nor
 * comparing reads a body.
 */
interface NoticeSignature {
  readonly fields: string;
  readonly body: string;
}

function sameNotice(a: NoticeSignature | undefined, b: NoticeSignature | undefined): boolean {
  return a !== undefined && b !== undefined && a.fields === b.fields && a.body === b.body;
}

/**
 * Signatures are kept as digests of their JSON: at 100,000 notices the JSON itself (of every
 * notice and of every list page with its rows) was several hundred MB of strings held at once.
 */
const textDigest = (text: string) => createHash("sha256").update(text).digest("hex");

export function renderSignatures(data: SiteData): RenderedSignatures {
  const notices = new Map<string, NoticeSignature>();
  for (const notice of data.board.notices) {
    const { bodyDigest, ...fields } = notice;
    notices.set(notice.url, { fields: textDigest(JSON.stringify(fields)), body: bodyDigest });
  }
  const pages = new Map<string, string>();
  for (const page of data.board.pages) {
    // A list row shows a notice's fields, never its body.
    const rows = page.notices.map((n) => notices.get(n.url)?.fields);
    pages.set(page.url, textDigest(JSON.stringify({ ...page, notices: rows })));
  }
  return { global: globalSignature(data), notices, pages };
}

/**
 * Everything of the site data that any page may show apart from the notices themselves: the
 * settings, the identity, the boards and feeds without their notices, and without what changes
 * whenever a notice is added (how many a board lists, a feed's newest date), so that adding a
 * notice renders its board's list pages and its neighbours, not every page. Only pages rendered
 * on every build (home, feeds, sitemap, search) show those. A template that shows other notices
 * on a notice page or list page (beyond its own rows, neighbours and translation) must add them
 * to that page's signature.
 */
function globalSignature(data: SiteData): string {
  const { site, ministries, identity, departments, board, feeds, langs, ui, preview } = data;
  return JSON.stringify({
    site,
    ministries,
    identity,
    departments,
    column: board.column,
    facets: board.facets,
    boards: Object.fromEntries(
      Object.entries(board.boards).map(([lang, views]) => [
        lang,
        views.map(({ listed: _listed, ...view }) => view),
      ]),
    ),
    feeds: feeds.map(({ entries: _entries, updated: _updated, ...feed }) => feed),
    langs,
    ui,
    preview,
    readCountsUpdated: data.readCountsUpdated,
  });
}

/**
 * A digest of what each notice page and list page is drawn from, by output path
 * (`ko/notices/2018-07-23-slug/index.html`), for a production build to compare with the version
 * it replaces (src/output/render-cache.ts). `code` identifies Sosik's code and templates.
 */
export function pageSignatures(
  data: SiteData,
  signatures: RenderedSignatures,
  code: string,
): Map<string, string> {
  const global = createHash("sha256").update(code).update("\u0000").update(signatures.global);
  const digest = (url: string, ...parts: string[]) => {
    const hash = global.copy().update(url).update("\u0000");
    hash.update(JSON.stringify(data.alternates[url] ?? null));
    for (const part of parts) hash.update("\u0000").update(part);
    return hash.digest("hex");
  };
  const result = new Map<string, string>();
  for (const [url, notice] of signatures.notices) {
    result.set(outputFile(url), digest(url, notice.fields, notice.body));
  }
  for (const [url, page] of signatures.pages) result.set(outputFile(url), digest(url, page));
  return result;
}

/** The file a page URL is written to, relative to the output folder. */
export function outputFile(url: string): string {
  return `${url.replace(/^\//, "")}index.html`;
}

/** The pages whose signature differs from the last build's (new pages included). */
export function changedPages(
  board: Board,
  now: RenderedSignatures,
  before: RenderedSignatures,
): RenderSet {
  return {
    notices: board.notices.filter(
      (n) => !sameNotice(before.notices.get(n.url), now.notices.get(n.url)),
    ),
    pages: board.pages.filter((p) => before.pages.get(p.url) !== now.pages.get(p.url)),
  };
}

/**
 * True for a changed file inside the content folder. What such a change alters is found by
 * comparing signatures (site settings and ministry names are in the global one); a change
 * anywhere else, such as a layout, renders everything.
 */
export function isContentInput(contentDir: string, file: string): boolean {
  const path = relative(contentDir, resolve(file));
  return !path.startsWith("..") && !isAbsolute(path);
}
