/** Types of @joplin/turndown-plugin-gfm, which ships none: plugins as turndown's `use` takes them. */
declare module "@joplin/turndown-plugin-gfm" {
  import type TurndownService from "turndown";
  /** GitHub-flavoured tables. */
  export const tables: TurndownService.Plugin;
  /** Every GFM rule. */
  export const gfm: TurndownService.Plugin;
}
