/** Every template filter; each is registered under its export's name. */
export { formatDate } from "./format-date.ts";
export { formatFileSize } from "./format-file-size.ts";
export { formatReadCount } from "./format-read-count.ts";
export { siteUrl } from "./site-url.ts";
export { textExcerpt } from "./text-excerpt.ts";
export { noticeJsonLd } from "./notice-json-ld.ts";
