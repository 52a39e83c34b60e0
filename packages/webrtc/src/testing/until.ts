/**
 * Test helper for browser suites: resolves once `check()` holds, re-checking after each turn of the
 * event loop (a bounded number of turns, never a fixed sleep); rejects naming `what` otherwise.
 *
 * @internal
 */
export async function until(check: () => boolean, what: string, maxTurns = 2000): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error(`gave up waiting for ${what} after ${maxTurns} turns`);
}
