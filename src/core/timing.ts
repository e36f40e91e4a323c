/**
 * Throws a `RangeError` unless `value` is a finite number of seconds >= `min`. Production builds
 * keep the check and name only the option, as React's own errors are shortened there.
 */
export function assertSeconds(name: string, value: unknown, min: number): asserts value is number {
  if (!(Number.isFinite(value) && (value as number) >= min)) {
    throw new RangeError(
      process.env.NODE_ENV === "production"
        ? `next-auth-refresh-kit: ${name}`
        : `next-auth-refresh-kit: ${name} must be a finite number of seconds >= ${min}, got ${String(value)}.`,
    );
  }
}
