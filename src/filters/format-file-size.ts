const UNITS = ["KB", "MB", "GB"] as const;

/** `512 B`, `12.3 KB`, `4.0 MB`: attachment sizes in 1024-based units. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${UNITS[unit] ?? "GB"}`;
}
