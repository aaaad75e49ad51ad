const grouping = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** `16,869`: read counts grouped by thousands, the same in both languages. */
export function formatReadCount(count: number): string {
  return grouping.format(count);
}
