/**
 * Resolves once `condition()` is truthy, checking every 20 ms of real time; rejects after
 * `timeoutMs` with `message`. `storybook/test`'s `waitFor` polls with `setInterval`, which the
 * story clock fakes, so there it re-checks only on DOM mutations: a spy call or a request count
 * made after the last mutation would be missed. This polls with the real `setTimeout`.
 */
export async function until(
  condition: () => unknown | Promise<unknown>,
  { timeoutMs = 3000, message = "condition not met" }: { timeoutMs?: number; message?: string } = {},
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`until: ${message} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
