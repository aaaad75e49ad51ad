/**
 * What the search page shares with the indexer, written into the bundle at build time by
 * src/plugins/assets.ts (esbuild `define`) from src/search/korean-terms.ts: the Korean endings
 * the dictionary knows, so queries drop the endings that indexing drops.
 */

/** The vocabulary of the search page's query rules. */
export interface SearchVocabulary {
  /** Korean particles and endings, longest first (see `longestFirst`). */
  readonly endings: readonly string[];
}

/** As the bundle carries it: the endings joined by spaces, which is shorter than an array. */
declare const SOSIK_SEARCH_VOCABULARY: { readonly endings: string };

/** The vocabulary built into this bundle. */
export const VOCABULARY: SearchVocabulary = {
  endings: SOSIK_SEARCH_VOCABULARY.endings.split(" "),
};
