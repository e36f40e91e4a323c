/** Epoch values at or above this are milliseconds; below, seconds (1e11 s is the year 5138, 1e11 ms is 1973). */
const MILLISECONDS_THRESHOLD = 1e11;

/** 9999-12-31T23:59:59.999Z: anything later is corrupt data, not an expiry. */
const LATEST_EXPIRY_MS = 253402300799999;

// Date-time with an explicit zone only: without one, Date.parse reads local time and the
// same string would mean different instants on the server and in each browser.
const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/i;

/**
 * Reads an expiry as epoch milliseconds from epoch seconds, epoch milliseconds (>= 1e11)
 * or an ISO-8601 date-time with a zone; returns `null` for anything else.
 */
export function normalizeExpiry(value: unknown): number | null {
  const text = typeof value === "string" ? value.trim() : "";
  const ms =
    typeof value === "number"
      ? Math.round(value >= MILLISECONDS_THRESHOLD ? value : value * 1000)
      : ISO_DATE_TIME.test(text)
        ? Date.parse(text)
        : Number.NaN;
  // NaN, infinities, zero, negatives and years past 9999 all fail this one range check.
  return ms > 0 && ms <= LATEST_EXPIRY_MS ? ms : null;
}
