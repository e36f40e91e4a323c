/** Throws a `RangeError` unless `value` is a finite number of seconds >= `min`. */
export function assertSeconds(name: string, value: unknown, min: number): asserts value is number {
  if (!(typeof value === "number" && value >= min && value < Number.POSITIVE_INFINITY)) {
    throw new RangeError(
      `next-auth-refresh-kit: ${name} must be a finite number of seconds >= ${min}, got ${String(value)}.`,
    );
  }
}
