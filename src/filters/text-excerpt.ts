// markdown-it escapes only these characters in text; other characters arrive as themselves.
const ENTITIES: Readonly<Record<string, string>> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

const BLOCK_TAG =
  /<\/?(?:p|h[1-6]|ul|ol|li|br|hr|div|blockquote|pre|table|thead|tbody|tr|th|td)(?:\s[^>]*)?\/?>/gi;

/**
 * Plain text of rendered notice HTML, cut at a word boundary to at most `maxLength` characters
 * (with an ellipsis when cut): the page description of a notice that has no summary. The result
 * is text, so templates escape it again.
 */
export function textExcerpt(html: string, maxLength = 160): string {
  const text = html
    // Block tags separate words; inline tags (strong, a, code) sit inside them: "<b>시간</b>이".
    .replace(BLOCK_TAG, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  // Keep the last word only when it ends exactly at the cut; a word longer than half the room
  // (a URL, say) is cut inside instead.
  const space = text[cut.length] === " " ? cut.length : cut.lastIndexOf(" ");
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
