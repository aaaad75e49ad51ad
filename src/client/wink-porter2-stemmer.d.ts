// wink-porter2-stemmer ships no types: one function from a word to its Snowball English stem.
declare module "wink-porter2-stemmer" {
  /** The Porter2 (Snowball English) stem of a lower-case word. */
  export default function stem(word: string): string;
}
