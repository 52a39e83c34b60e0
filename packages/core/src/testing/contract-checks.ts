/** Thrown by the contract's checks. */
export class ContractFailure extends Error {
  override name = 'ContractFailure';
}

/** @internal Fails the case unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ContractFailure(message);
}

/** @internal Fails unless the JSON forms are equal. */
export function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

/** @internal Fails unless `promise` rejects with `code`; returns the error. */
export async function refused(
  promise: Promise<unknown>,
  code: string,
  what: string,
): Promise<unknown> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  check(error !== undefined, `${what}: expected a ${code} refusal, but it succeeded`);
  const got = (error as { code?: unknown }).code;
  check(got === code, `${what}: expected code ${code}, got ${String(got)} (${String(error)})`);
  return error;
}
