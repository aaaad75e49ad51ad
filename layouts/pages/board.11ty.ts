/**
 * One page a board list page, drawn by the board-page layout. A TypeScript template rather than
 * Nunjucks: Eleventy 3.1 compiles a paginated Nunjucks template (and reads its front matter) again
 * for every page, while this module is imported once. Notice pages are not paginated by Eleventy
 * at all (src/plugins/notice-pages.ts).
 */
import type { BoardPage } from "../../src/board.ts";

/** Eleventy data of the template: one page per board list page. */
export const data = {
  pagination: { data: "sosik.render.pages", size: 1, alias: "boardPage" },
  permalink: ({ boardPage }: { boardPage: BoardPage }): string => boardPage.url,
  layout: "board-page.njk",
  eleventyExcludeFromCollections: true,
};

/** The page's own content is empty: the layout draws everything. */
export function render(): string {
  return "";
}
