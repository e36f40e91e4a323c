/** Epoch values at or above this are milliseconds; below, seconds (1e11 s is the year 5138, 1e11 ms is 1973). */
const MILLISECONDS_THRESHOLD = 1e11;

/** 9999-12-31T23:59:59.999Z: anything later is corrupt data, not an expiry. */
const LATEST_EXPIRY_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

// Date-time with an explicit zone only: without one, Date.parse reads local time and the
// same string would mean different instants on the server and in each browser.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * Reads an expiry as epoch milliseconds from epoch seconds, epoch milliseconds (>= 1e11)
 * or an ISO-8601 date-time with a zone; returns `null` for anything else.
 */
export function normalizeExpiry(value: unknown): number | null {
  if (typeof value === "number") return fromEpochNumber(value);
  if (typeof value === "string") return fromIsoString(value.trim());
  return null;
}

function fromEpochNumber(value: number): number | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const ms = value >= MILLISECONDS_THRESHOLD ? value : value * 1000;
  return inRange(Math.round(ms));
}

function fromIsoString(value: string): number | null {
  if (!ISO_DATE_TIME.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms > 0 ? inRange(ms) : null;
}

function inRange(ms: number): number | null {
  return ms > 0 && ms <= LATEST_EXPIRY_MS ? ms : null;
}
