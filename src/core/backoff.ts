/** The first retry after a failed session fetch waits this long; each further failure doubles it. */
export const RETRY_BASE_MS = 5_000;
/** Retries never wait longer than this. */
export const RETRY_MAX_MS = 60_000;

/** How long to wait after the `failures`-th failed session fetch in a row (1 = the first): 5 s doubling to 60 s. */
export function retryDelayMs(failures: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 10);
  return Math.min(RETRY_BASE_MS * 2 ** exponent, RETRY_MAX_MS);
}
