/**
 * What the preview renders again after an edit: each notice page and list page is compared by
 * what it is drawn from with the last build, and only the pages that differ are rendered (the
 * others are still in the output from before).
 */
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
 * A notice's fields as JSON, but its body HTML and search terms as the strings themselves: an
 * unchanged body is the very string of the last build (from the body cache), so comparing it
 * costs nothing, where serialising 10,000 bodies again would take a noticeable part of a second.
 */
interface NoticeSignature {
  readonly fields: string;
  readonly html: string;
  readonly searchTerms: string;
}

function sameNotice(a: NoticeSignature | undefined, b: NoticeSignature | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.fields === b.fields &&
    a.html === b.html &&
    a.searchTerms === b.searchTerms
  );
}

export function renderSignatures(data: SiteData): RenderedSignatures {
  const notices = new Map<string, NoticeSignature>();
  for (const notice of data.board.notices) {
    const { html, searchTerms, ...fields } = notice;
    notices.set(notice.url, { fields: JSON.stringify(fields), html, searchTerms });
  }
  const pages = new Map<string, string>();
  for (const page of data.board.pages) {
    // A list row shows a notice's fields, never its body.
    const rows = page.notices.map((n) => notices.get(n.url)?.fields);
    pages.set(page.url, JSON.stringify({ ...page, notices: rows }));
  }
  const { site, ministries, preview, readCountsUpdated } = data;
  return {
    global: JSON.stringify({ site, ministries, preview, readCountsUpdated }),
    notices,
    pages,
  };
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
