import type {
  SipSession,
  SipSessionEvent,
  SipTransport,
  SipTransportEvent,
} from '../phone/sip-transport.js';
import type { DomMediaStream } from '../phone/dom-types.js';

/** Two registered-able endpoints and a way to make a bad one, for {@link sipTransportContract}. */
export interface SipTransportContractSetup {
  /** Creates a transport for `user` with the right password. */
  create(user: 'alice' | 'bob'): SipTransport;
  /** Creates a transport for `alice` with a wrong password. */
  createWithWrongPassword(): SipTransport;
  /** The SIP URI that reaches `user`. */
  uriOf(user: 'alice' | 'bob'): string;
  /** Options each call/answer needs (media in browsers). */
  mediaOptions(): Promise<{ mediaStream?: DomMediaStream }>;
  /** Longest wait for one step. */
  readonly stepTimeoutMs: number;
}

/** One case of the contract: a name and an async check that throws on failure. */
export interface ContractCase {
  readonly name: string;
  run(): Promise<void>;
}

function waitTransport(
  t: SipTransport,
  type: SipTransportEvent['type'],
  ms: number,
): Promise<SipTransportEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no '${type}' transport event within ${ms} ms`));
    }, ms);
    const off = t.on((e) => {
      if (e.type === type) {
        clearTimeout(timer);
        off();
        resolve(e);
      }
    });
  });
}

function waitSession<T extends SipSessionEvent['type']>(
  s: SipSession,
  type: T,
  ms: number,
  match: (e: Extract<SipSessionEvent, { type: T }>) => boolean = () => true,
): Promise<Extract<SipSessionEvent, { type: T }>> {
  return new Promise((resolve, reject) => {
    // a session replays the events it had before its first listener, inside on(): the listener
    // may match before on() has returned its unsubscribe function
    const sub: { done: boolean; off: (() => void) | undefined } = { done: false, off: undefined };
    const timer = setTimeout(() => {
      sub.off?.();
      reject(new Error(`no '${type}' session event within ${ms} ms`));
    }, ms);
    sub.off = s.on((e) => {
      if (sub.done || e.type !== type || !match(e as Extract<SipSessionEvent, { type: T }>)) return;
      sub.done = true;
      clearTimeout(timer);
      sub.off?.();
      resolve(e as Extract<SipSessionEvent, { type: T }>);
    });
    if (sub.done) sub.off();
  });
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`contract violated: ${message}`);
}

/**
 * The behaviour every {@link SipTransport} must have, as framework-free cases: run them with
 * node:test, mocha or anything else. `@switchboard/webrtc` runs them over `FakeSipTransport` in
 * Node and over `JsSipTransport` against a real Kamailio in Chromium.
 *
 * @example
 * ```ts
 * for (const c of sipTransportContract(setup)) test(c.name, () => c.run());
 * ```
 */
export function sipTransportContract(setup: SipTransportContractSetup): ContractCase[] {
  const ms = setup.stepTimeoutMs;
  const both = async () => {
    const a = setup.create('alice');
    const b = setup.create('bob');
    const ra = waitTransport(a, 'registered', ms);
    const rb = waitTransport(b, 'registered', ms);
    a.connect();
    b.connect();
    await Promise.all([ra, rb]);
    return { a, b };
  };
  const connectedCall = async () => {
    const { a, b } = await both();
    const incoming = waitTransport(b, 'incoming-call', ms) as Promise<
      Extract<SipTransportEvent, { type: 'incoming-call' }>
    >;
    const out = a.call(setup.uriOf('bob'), {
      ...(await setup.mediaOptions()),
      headers: ['X-Switchboard-Interaction: ix-contract'],
    });
    const inc = (await incoming).session;
    const accepted = waitSession(out, 'accepted', ms);
    const confirmed = waitSession(inc, 'confirmed', ms);
    inc.answer(await setup.mediaOptions());
    await Promise.all([accepted, confirmed]);
    return { a, b, out, inc };
  };
  const cleanup = (...ts: SipTransport[]) => ts.forEach((t) => t.disconnect());
  return [
    {
      name: 'connects and registers, emitting connecting, connected and registered',
      async run() {
        const a = setup.create('alice');
        const seen: string[] = [];
        a.on((e) => seen.push(e.type));
        const registered = waitTransport(a, 'registered', ms);
        a.connect();
        await registered;
        check(a.isConnected(), 'isConnected() is true once registered');
        check(
          seen.indexOf('connecting') < seen.indexOf('connected') &&
            seen.indexOf('connected') < seen.indexOf('registered'),
          `order was ${seen.join(',')}`,
        );
        cleanup(a);
      },
    },
    {
      name: 'a wrong password gives registration-failed with a 401/403 status',
      async run() {
        const a = setup.createWithWrongPassword();
        const failed = waitTransport(a, 'registration-failed', ms);
        a.connect();
        const e = (await failed) as Extract<SipTransportEvent, { type: 'registration-failed' }>;
        check(e.statusCode === 401 || e.statusCode === 403, `status was ${e.statusCode}`);
        cleanup(a);
      },
    },
    {
      name: 'a call reaches the callee with its custom headers, and answering connects both sides',
      async run() {
        const { a, b, out, inc } = await connectedCall();
        check(inc.direction === 'incoming' && out.direction === 'outgoing', 'directions');
        check(inc.header('X-Switchboard-Interaction') === 'ix-contract', 'custom header delivered');
        check(inc.remoteUri.includes('alice'), `remote uri ${inc.remoteUri}`);
        const ended = waitSession(inc, 'ended', ms);
        out.terminate();
        const e = await ended;
        check(
          e.originator === 'remote' && !e.beforeAnswer,
          'callee sees a remote hang-up after answer',
        );
        cleanup(a, b);
      },
    },
    {
      name: 'ringing: the caller hears 180 from the callee (remote), the callee reports its own 180 (local)',
      async run() {
        const { a, b } = await both();
        const incoming = waitTransport(b, 'incoming-call', ms) as Promise<
          Extract<SipTransportEvent, { type: 'incoming-call' }>
        >;
        const out = a.call(setup.uriOf('bob'), await setup.mediaOptions());
        const heard = waitSession(out, 'progress', ms, (e) => e.statusCode === 180);
        const inc = (await incoming).session;
        const own = await waitSession(inc, 'progress', ms);
        check(
          own.originator === 'local' && own.statusCode === 180,
          `callee: ${JSON.stringify(own)}`,
        );
        const e = await heard;
        check(e.originator === 'remote', `caller: ${JSON.stringify(e)}`);
        out.terminate();
        cleanup(a, b);
      },
    },
    {
      name: 'rejecting an incoming call ends the caller before answer with the status code',
      async run() {
        const { a, b } = await both();
        const incoming = waitTransport(b, 'incoming-call', ms) as Promise<
          Extract<SipTransportEvent, { type: 'incoming-call' }>
        >;
        const out = a.call(setup.uriOf('bob'), await setup.mediaOptions());
        const inc = (await incoming).session;
        const ended = waitSession(out, 'ended', ms);
        inc.terminate({ statusCode: 486 });
        const e = await ended;
        check(
          e.beforeAnswer && e.originator === 'remote' && e.statusCode === 486,
          `ended ${JSON.stringify(e)}`,
        );
        cleanup(a, b);
      },
    },
    {
      name: 'hold and unhold are seen locally and remotely',
      async run() {
        const { a, b, out, inc } = await connectedCall();
        const localHold = waitSession(out, 'hold', ms, (e) => e.originator === 'local');
        const remoteHold = waitSession(inc, 'hold', ms, (e) => e.originator === 'remote');
        out.hold();
        await Promise.all([localHold, remoteHold]);
        const remoteUnhold = waitSession(inc, 'unhold', ms, (e) => e.originator === 'remote');
        out.unhold();
        await remoteUnhold;
        out.terminate();
        cleanup(a, b);
      },
    },
    {
      name: 'DTMF by SIP INFO arrives at the other side, each local tone reported once as it is sent',
      async run() {
        const { a, b, out, inc } = await connectedCall();
        const tones: string[] = [];
        const done = new Promise<void>((resolve) => {
          inc.on((e) => {
            if (e.type === 'dtmf' && e.originator === 'remote') {
              tones.push(e.tone);
              if (tones.length === 2) resolve();
            }
          });
        });
        const sent: string[] = [];
        out.on((e) => {
          if (e.type === 'dtmf' && e.originator === 'local') sent.push(e.tone);
        });
        out.sendDtmf('7#', 'info');
        // the first tone may leave at once; the others follow one by one, never all together
        check(sent.length <= 1, `${sent.length} local tones reported before they were sent`);
        await done;
        check(tones.join('') === '7#', `received ${tones.join('')}`);
        check(sent.join('') === '7#', `sent ${sent.join('')}`);
        out.terminate();
        cleanup(a, b);
      },
    },
  ];
}
