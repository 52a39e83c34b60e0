// Helpers of the security suites (security-*.test.ts): each attack runs on the Node side
// (scripts/e2e/security-environment.ts: raw SIP over WebSocket/UDP and HTTP from Node, against a
// Kamailio rendered with the secure options) and returns what Kamailio answered.
import { executeServerCommand } from '@web/test-runner-commands';

/** The attacks the Node side knows. */
export type AttackName =
  | 'rpc-on-agent-port'
  | 'register-as-other'
  | 'in-dialog-foreign-route'
  | 'spoofed-invite'
  | 'repeated-interaction-id'
  | 'evapi-loopback-only'
  | 'flood'
  | 'wss-register';

/** Runs one attack against the security suite's Kamailio; resolves with what it saw. */
export async function attack<T extends Record<string, unknown>>(name: AttackName): Promise<T> {
  const result = await executeServerCommand<T, { name: AttackName }>('sb-security-attack', {
    name,
  });
  if (!result) throw new Error(`the e2e server does not know the attack ${name}`);
  return result;
}

/** The numeric status of an answer such as `'403 Forbidden'`. */
export function code(answer: unknown): number {
  return Number(String(answer).split(' ')[0]);
}
