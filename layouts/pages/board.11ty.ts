/** One page a board list page, drawn by the board-page layout (see notice.11ty.ts). */
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
