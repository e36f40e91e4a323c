// How the clock panels write instants: in UTC, so they read the same on every machine.

/** `2026-01-15 09:03:00` in UTC: the same on every machine, with the date. */
export function dateTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 19).replace("T", " ") : "unknown";
}

/** `in 4 min 10 s`, `1 h 2 min ago`. */
export function relative(at: number, now: number): string {
  const s = Math.round((at - now) / 1000);
  const abs = Math.abs(s);
  const text =
    abs >= 3600
      ? `${Math.floor(abs / 3600)} h ${Math.floor((abs % 3600) / 60)} min`
      : `${Math.floor(abs / 60)} min ${abs % 60} s`;
  return s >= 0 ? `in ${text}` : `${text} ago`;
}
