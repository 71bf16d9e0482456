// Small numeric and formatting helpers shared by the measurements and the report.

/** Seconds, from a monotonic clock. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function fmt(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** `METHOD path`, with any community id in the path replaced by `{id}`. */
export function routeOf(method: string, pathname: string): string {
  return `${method} ${pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "{id}")}`;
}

/** `100× POST /v1/create-community, 2× GET …`, or `none`. */
export function describeCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? "none" : entries.map(([route, count]) => `${count}× ${route}`).join(", ");
}
