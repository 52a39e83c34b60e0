// The consumer test's browser page, written only against the published API: two phones register
// with Kamailio, one calls the other, both sides exchange audio (Chromium's fake devices), then
// hang up. Bundled from the installed tarballs by esbuild and by Rollup, loaded in Chromium, and
// driven through `globalThis.switchboardConsumer.placeCall(config)`.
import { Phone, JsSipTransport } from '@switchboard/webrtc';
import type { Call, MediaSource } from '@switchboard/webrtc';
import { InteractionState } from '@switchboard/core/interactions';
import { erlangC } from '@switchboard/core/analytics';

/** Where and as whom the page's phones register. */
export interface PageConfig {
  readonly server: string;
  readonly domain: string;
  readonly caller: { readonly user: string; readonly password: string };
  readonly callee: { readonly user: string; readonly password: string };
}

/** What the page reports back. */
export interface PageResult {
  readonly registered: boolean;
  readonly connected: boolean;
  readonly callerPacketsReceived: number;
  readonly calleePacketsReceived: number;
  readonly endedBy: string | undefined;
  readonly interactionStatus: string;
  readonly wrapUpState: string;
  readonly erlangCTenAgents: number;
}

const microphone: MediaSource = {
  acquire: () => navigator.mediaDevices.getUserMedia({ audio: true, video: false }),
  release: (stream) => stream?.getTracks().forEach((track) => track.stop()),
};

function phoneFor(config: PageConfig, who: PageConfig['caller']): Phone {
  const transport = new JsSipTransport({
    uri: `sip:${who.user}@${config.domain}`,
    password: who.password,
    servers: [config.server],
    connectTimeoutMs: 3000,
  });
  return new Phone({ transport, media: microphone, agentId: who.user, registerTimeoutMs: 8000 });
}

/** Rejects with `step` named when `promise` has not settled within `ms`: a stuck call reports where. */
function within<T>(step: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step}: nothing after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function nextIncoming(phone: Phone): Promise<Call> {
  return new Promise((resolve) => {
    const off = phone.onEvent((event) => {
      if (event.type !== 'incoming-call') return;
      off();
      resolve(event.call);
    });
  });
}

async function inboundPackets(call: Call): Promise<number> {
  let total = 0;
  (await call.getStats()).forEach((report: { type: string; packetsReceived?: number }) => {
    if (report.type === 'inbound-rtp') total += report.packetsReceived ?? 0;
  });
  return total;
}

/** Polls both legs until each has received audio, at most `rounds` times 100 ms apart. */
async function audioBothWays(a: Call, b: Call, rounds: number): Promise<[number, number]> {
  let counts: [number, number] = [0, 0];
  for (let round = 0; round < rounds; round++) {
    counts = [await inboundPackets(a), await inboundPackets(b)];
    if (counts[0] > 0 && counts[1] > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return counts;
}

async function placeCall(config: PageConfig): Promise<PageResult> {
  const caller = phoneFor(config, config.caller);
  const callee = phoneFor(config, config.callee);
  try {
    await within('register', 15_000, Promise.all([caller.start(), callee.start()]));
    const ringing = nextIncoming(callee);
    const call = caller.call(config.callee.user);
    // A call that fails before the callee rings would otherwise leave `ringing` pending forever.
    const endedFirst = call.when('ended').then((snap): never => {
      throw new Error(`the call ended before it rang: ${snap.endReason?.cause ?? 'unknown'}`);
    });
    const incoming = await within('incoming call', 15_000, Promise.race([ringing, endedFirst]));
    incoming.answer();
    await within(
      'connect',
      15_000,
      Promise.all([call.when('connected'), incoming.when('connected')]),
    );
    const [callerPackets, calleePackets] = await audioBothWays(call, incoming, 100);
    call.hangup();
    const [, ended] = await within(
      'hang up',
      15_000,
      Promise.all([call.when('ended'), incoming.when('ended')]),
    );
    return {
      registered: true,
      connected: true,
      callerPacketsReceived: callerPackets,
      calleePacketsReceived: calleePackets,
      endedBy: ended.endReason?.originator,
      interactionStatus: call.getInteraction().status,
      wrapUpState: InteractionState.wrapUp,
      erlangCTenAgents: erlangC(8, 10),
    };
  } finally {
    caller.stop();
    callee.stop();
  }
}

(globalThis as { switchboardConsumer?: unknown }).switchboardConsumer = { placeCall };
