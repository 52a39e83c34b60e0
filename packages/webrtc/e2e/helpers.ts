// Shared helpers of the end-to-end suites (run by scripts/e2e/run-e2e.ts in headless Chromium).
import { executeServerCommand } from '@web/test-runner-commands';
import { Phone } from '../src/phone/phone.js';
import type { PhoneOptions } from '../src/phone/phone.js';
import type { Call } from '../src/phone/call.js';
import { JsSipTransport } from '../src/jssip/jssip-transport.js';
import type { JsSipTransportOptions } from '../src/jssip/jssip-transport.js';

export interface E2eConfig {
  domain: string;
  users: Record<string, string>;
  primary: string;
  secondary: string;
  unreachable: string;
}

let cached: E2eConfig | undefined;
export async function e2eConfig(): Promise<E2eConfig> {
  cached ??= await executeServerCommand<E2eConfig, undefined>('sb-e2e-config');
  return cached;
}

export async function kamailio(
  name: 'primary' | 'secondary',
  action: 'stop' | 'start' | 'restart',
): Promise<void> {
  await executeServerCommand('sb-kamailio', { name, action });
}

export const fakeMicrophone = {
  acquire: () => navigator.mediaDevices.getUserMedia({ audio: true, video: false }),
  release: (stream: MediaStream | undefined) => stream?.getTracks().forEach((t) => t.stop()),
};

const phones: Phone[] = [];

export async function makePhone(
  user: string,
  options: Partial<PhoneOptions> = {},
  transportOptions: Partial<JsSipTransportOptions> = {},
): Promise<Phone> {
  const cfg = await e2eConfig();
  const transport = new JsSipTransport({
    uri: `sip:${user}@${cfg.domain}`,
    password: cfg.users[user] ?? 'none',
    servers: [cfg.primary],
    connectTimeoutMs: 2000,
    ...transportOptions,
  });
  const phone = new Phone({
    transport,
    media: fakeMicrophone,
    agentId: user,
    // generous: the first start() also loads and bundles JsSIP, slow on a loaded machine
    registerTimeoutMs: 15_000,
    ...options,
  });
  phones.push(phone);
  return phone;
}

/** Disposes every phone made by {@link makePhone} (hang-up, unregister, disconnect) and its transport. */
export function stopAllPhones(): void {
  for (const phone of phones.splice(0)) {
    phone.dispose();
    (phone.transport as JsSipTransport).dispose();
  }
}

export function nextIncoming(phone: Phone): Promise<Call> {
  return new Promise((resolve) => {
    const off = phone.onEvent((e) => {
      if (e.type === 'incoming-call') {
        off();
        resolve(e.call);
      }
    });
  });
}

/** `from` calls `target` (ringing `to`), `to` answers; resolves when both legs are connected. */
export async function connectedCall(from: Phone, to: Phone, target: string): Promise<[Call, Call]> {
  const ringing = nextIncoming(to);
  const call = from.call(target);
  const answered = await ringing;
  answered.answer();
  await Promise.all([call.when('connected'), answered.when('connected')]);
  return [call, answered];
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function packetsReceived(call: Call): Promise<number> {
  if (!call.peerConnection) return 0;
  let total = 0;
  (await call.getStats()).forEach(
    (report: { type: string; kind?: string; packetsReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio')
        total += report.packetsReceived ?? 0;
    },
  );
  return total;
}
