/** `call`'s result, or a rejection once `ms` have passed: a store that hangs cannot hold a request. */
export function withTimeout<T>(call: () => T | Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the refresh store did not answer within ${ms} ms`)), ms);
    Promise.resolve()
      .then(call)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}
