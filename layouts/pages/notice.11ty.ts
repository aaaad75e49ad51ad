/**
 * One page a published notice, drawn by the notice-page layout. A TypeScript template rather
 * than Nunjucks: Eleventy 3.1 compiles a paginated Nunjucks template (and reads its front
 * matter) again for every page, while this module is imported once.
 */
import type { Notice } from "../../src/board.ts";

/** Eleventy data of the template: one page per notice. */
export const data = {
  pagination: { data: "sosik.render.notices", size: 1, alias: "notice" },
  permalink: ({ notice }: { notice: Notice }): string => notice.url,
  layout: "notice-page.njk",
  eleventyExcludeFromCollections: true,
};

/** The page's own content is empty: the layout draws everything. */
export function render(): string {
  return "";
}
