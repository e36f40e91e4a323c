/** Throws a `RangeError` unless `value` is a finite number of seconds >= `min`. */
export function assertSeconds(name: string, value: unknown, min: number): asserts value is number {
  if (!(Number.isFinite(value) && (value as number) >= min)) {
    throw new RangeError(
      `next-auth-refresh-kit: ${name} must be a finite number of seconds >= ${min}, got ${String(value)}.`,
    );
  }
}
