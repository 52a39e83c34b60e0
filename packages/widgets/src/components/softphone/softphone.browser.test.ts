import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ContextProvider } from '@lit/context';
import { VirtualClock, sequentialIds } from '@switchboard/core/shared';
import { DeviceManager, Phone, type Call, type SipTransport } from '@switchboard/webrtc';
import { FakeSipNetwork, type FakeSipSession } from '@switchboard/webrtc/testing';
import './softphone.js';
import { setLocale } from '../../i18n/locale.js';
import { phoneContext } from '../../context/phone-context.js';
import {
  XSS_PAYLOADS,
  expectAccessible,
  expectNoInjection,
  part,
  parts,
} from '../../fixtures/widget-fixtures.js';
import type { SbSoftphone } from './softphone.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

let phones: Phone[] = [];

/**
 * A transport whose incoming calls carry `name` as the caller's display name (the in-memory
 * network has none), so the banner's rendering of hostile names can be tested.
 */
function namedCallers(inner: SipTransport, name: () => string | undefined): SipTransport {
  return new Proxy(inner, {
    get(target, key) {
      if (key !== 'on') {
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      }
      return (listener: Parameters<SipTransport['on']>[0]) =>
        target.on((event) => {
          if (event.type !== 'incoming-call') return listener(event);
          const session = new Proxy(event.session, {
            get(s, k) {
              if (k === 'remoteDisplayName') return name();
              const v: unknown = Reflect.get(s, k, s);
              return typeof v === 'function' ? (v as () => unknown).bind(s) : v;
            },
          });
          listener({ ...event, session });
        });
    },
  });
}

async function setup(options: { callerName?: string; locale?: string; theme?: string } = {}) {
  const clock = new VirtualClock(1_000_000);
  const net = new FakeSipNetwork();
  const make = (user: string, transport?: (t: SipTransport) => SipTransport) => {
    const base = net.createTransport({ uri: `sip:${user}@test.local` });
    const phone = new Phone({
      transport: transport ? transport(base) : base,
      clock,
      ids: sequentialIds(),
      agentId: user,
      readHeaders: ['X-Switchboard-Ivr-Path'],
    });
    phones.push(phone);
    return phone;
  };
  const agent = make('alice', (t) => namedCallers(t, () => options.callerName));
  const bob = make('bob');
  const carol = make('carol');
  await Promise.all([agent.start(), bob.start(), carol.start()]);
  const el = await fixture<SbSoftphone>(
    html`<sb-softphone
      .phone=${agent}
      .clock=${clock}
      locale=${options.locale ?? 'en'}
      theme=${options.theme ?? 'light'}
    ></sb-softphone>`,
  );
  await waitUntil(() => part(el, 'status')?.dataset['status'] === 'registered', 'registered');
  return { clock, net, agent, bob, carol, el };
}

function incoming(phone: Phone): Promise<Call> {
  return new Promise((resolve) => {
    const off = phone.onEvent((e) => {
      if (e.type === 'incoming-call') {
        off();
        resolve(e.call);
      }
    });
  });
}

/** Bob calls the agent with IVR context; the agent answers from the banner. */
async function connectedCall(s: Awaited<ReturnType<typeof setup>>) {
  const ringing = incoming(s.agent);
  const bobCall = s.bob.call('alice', {
    headers: ['X-Queue: billing', 'X-Customer-Id: c-42', 'X-Switchboard-Ivr-Path: main>billing'],
  });
  const agentCall = await ringing;
  await waitUntil(() => part(s.el, 'answer'), 'the banner shows');
  part(s.el, 'answer')?.click();
  await agentCall.when('connected');
  await waitUntil(() => part(s.el, 'call-status')?.dataset['status'] === 'connected', 'shown');
  return { bobCall, agentCall };
}

const control = (el: SbSoftphone, action: string) =>
  el.shadowRoot?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;
const text = (el: SbSoftphone, name: string) =>
  part(el, name)?.textContent?.replace(/\s+/g, ' ').trim();

/** Puts `value` in a field as if typed (one input event) and leaves focus in it. */
async function typeInto(el: SbSoftphone, name: string, value: string) {
  const input = part(el, name) as HTMLInputElement;
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

describe('sb-softphone', () => {
  afterEach(() => {
    setLocale('en');
    for (const p of phones) p.dispose();
    phones = [];
  });

  it('announces an incoming call with caller and IVR context, focuses Answer, and answers', async () => {
    const s = await setup({ callerName: 'Ada Lovelace' });
    const ringing = incoming(s.agent);
    s.bob.call('alice', { headers: ['X-Queue: billing', 'X-Switchboard-Ivr-Path: main>billing'] });
    await ringing;
    await waitUntil(() => part(s.el, 'banner'), 'the banner shows');
    expect(text(s.el, 'caller')).to.equal('Ada Lovelace');
    const context = text(s.el, 'context') ?? '';
    expect(context).to.contain('Queue billing');
    expect(context).to.contain('IVR path main>billing');
    expect(s.el.shadowRoot?.activeElement).to.equal(part(s.el, 'answer'));
    await waitUntil(
      () =>
        s.el.shadowRoot?.querySelector('[aria-live]')?.textContent ===
        'Incoming call from Ada Lovelace',
      'the call is announced',
    );
    const heard = oneEvent(s.el, 'sb-request-call-answer');
    await sendKeys({ press: 'Enter' });
    const event = (await heard) as CustomEvent<{ callId: string }>;
    expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
    await waitUntil(
      () => part(s.el, 'call-status')?.dataset['status'] === 'connected',
      'connected',
    );
    expect(part(s.el, 'banner')).to.equal(null);
    expect(text(s.el, 'timer')).to.equal('0:00');
    s.clock.advance(65_000);
    await waitUntil(() => text(s.el, 'timer') === '1:05', 'the timer follows the clock');
  });

  it('leaves a call ringing when the answer is cancelled, and declines it', async () => {
    const s = await setup();
    const ringing = incoming(s.agent);
    const bobCall = s.bob.call('alice');
    const call = await ringing;
    await waitUntil(() => part(s.el, 'answer'), 'the banner shows');
    s.el.addEventListener('sb-request-call-answer', (e) => e.preventDefault(), { once: true });
    part(s.el, 'answer')?.click();
    await s.el.updateComplete;
    expect(call.getSnapshot().status).to.equal('ringing');
    expect(s.net.sent).to.not.include('200');
    part(s.el, 'decline')?.click();
    await waitUntil(() => bobCall.getSnapshot().status === 'ended', 'the caller hears busy');
    await waitUntil(() => part(s.el, 'banner') === null, 'the banner goes');
  });

  it('refuses targets the Phone cannot parse, and dials valid ones unless cancelled', async () => {
    const s = await setup();
    const invalid: string[] = [];
    s.el.addEventListener('sb-dial-invalid', (e) => invalid.push(e.detail.problem));
    part(s.el, 'dial')?.click();
    await waitUntil(() => part(s.el, 'error'), 'an error shows');
    expect(text(s.el, 'error')).to.equal('Enter a number or a SIP address.');
    expect(part(s.el, 'input')?.getAttribute('aria-invalid')).to.equal('true');
    await typeInto(s.el, 'input', 'sip:@nowhere');
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => text(s.el, 'error') === 'This is not a valid number or SIP address.',
      'invalid',
    );
    await typeInto(s.el, 'input', `sip:${'a'.repeat(2100)}@x`);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => invalid.length === 3, 'three refusals');
    expect(invalid).to.deep.equal(['empty', 'invalid', 'too-long']);
    const invites = s.net.sent.filter((m) => m === 'INVITE').length;
    expect(invites).to.equal(0);

    await typeInto(s.el, 'input', '+1 (555) 010');
    s.el.addEventListener('sb-request-dial', (e) => e.preventDefault(), { once: true });
    const cancelled = oneEvent(s.el, 'sb-request-dial');
    await sendKeys({ press: 'Enter' });
    expect(((await cancelled) as CustomEvent).detail).to.deep.equal({
      target: '+1 (555) 010',
      uri: 'sip:+1555010@test.local',
    });
    // no call was made, not even one that ended at once (the snapshot keeps ended calls)
    expect(s.agent.getSnapshot().calls).to.have.length(0);
    expect(s.net.sent.filter((m) => m === 'INVITE')).to.have.length(0);

    await typeInto(s.el, 'input', 'bob');
    const ringing = incoming(s.bob);
    await sendKeys({ press: 'Enter' });
    const bobCall = await ringing;
    await waitUntil(
      () =>
        part(s.el, 'call-status')?.dataset['status'] === 'dialing' ||
        part(s.el, 'call-status')?.dataset['status'] === 'early-media',
      'the call shows',
    );
    expect((part(s.el, 'input') as HTMLInputElement).value).to.equal('');
    bobCall.answer();
    await waitUntil(
      () => part(s.el, 'call-status')?.dataset['status'] === 'connected',
      'connected',
    );
    control(s.el, 'hangup')?.click();
    await waitUntil(() => bobCall.getSnapshot().status === 'ended', 'hung up');
  });

  it('sends hold, mute, DTMF and transfer requests, and sends nothing when they are cancelled', async () => {
    const s = await setup();
    const { agentCall, bobCall } = await connectedCall(s);
    const cancelOnce = (type: keyof HTMLElementEventMap) =>
      s.el.addEventListener(type, (e) => e.preventDefault(), { once: true });
    const sent = () => s.net.sent.length;

    cancelOnce('sb-request-call-hold');
    let before = sent();
    control(s.el, 'hold')?.click();
    await s.el.updateComplete;
    expect([agentCall.getSnapshot().status, sent()]).to.deep.equal(['connected', before]);
    control(s.el, 'hold')?.click();
    await agentCall.when('held');
    await waitUntil(() => control(s.el, 'resume'), 'Resume shows');
    control(s.el, 'resume')?.click();
    await agentCall.when('connected');

    cancelOnce('sb-request-call-mute');
    control(s.el, 'mute')?.click();
    await s.el.updateComplete;
    expect(agentCall.getSnapshot().muted).to.equal(false);
    const muted = oneEvent(s.el, 'sb-request-call-mute');
    control(s.el, 'mute')?.click();
    expect(((await muted) as CustomEvent).detail).to.deep.equal({
      callId: agentCall.id,
      muted: true,
    });
    await waitUntil(
      () => control(s.el, 'mute')?.getAttribute('aria-pressed') === 'true',
      'pressed',
    );

    cancelOnce('sb-request-call-dtmf');
    (s.el.shadowRoot?.querySelector('[data-key="5"]') as HTMLElement).click();
    const tone = oneEvent(s.el, 'sb-request-call-dtmf');
    (s.el.shadowRoot?.querySelector('[data-key="#"]') as HTMLElement).click();
    expect(((await tone) as CustomEvent).detail).to.deep.equal({ callId: agentCall.id, tone: '#' });
    await waitUntil(() => bobCall.getSnapshot().dtmfReceived === '#', 'only # reaches the caller');
    await waitUntil(() => text(s.el, 'tones') === 'Tones sent: #', 'tones shown');

    control(s.el, 'transfer')?.click();
    await waitUntil(() => part(s.el, 'transfer-input') === s.el.shadowRoot?.activeElement, 'focus');
    await sendKeys({ type: 'sip:bad@' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => part(s.el, 'transfer-input')?.getAttribute('aria-invalid') === 'true',
      'refused',
    );
    cancelOnce('sb-request-call-transfer');
    before = sent();
    await typeInto(s.el, 'transfer-input', 'carol');
    await sendKeys({ press: 'Enter' });
    await s.el.updateComplete;
    expect(s.net.sent.slice(before)).to.not.include('REFER');
    const transfer = oneEvent(s.el, 'sb-request-call-transfer');
    await sendKeys({ press: 'Enter' });
    expect(((await transfer) as CustomEvent).detail).to.deep.equal({
      callId: agentCall.id,
      kind: 'blind',
      target: 'carol',
      uri: 'sip:carol@test.local',
    });
    await waitUntil(() => s.net.sent.includes('REFER'), 'REFER sent');
  });

  it('consults, switches lines from the keyboard, and completes an attended transfer', async () => {
    const s = await setup();
    const { agentCall } = await connectedCall(s);
    control(s.el, 'transfer')?.click();
    await waitUntil(() => part(s.el, 'transfer'), 'transfer form');
    await typeInto(s.el, 'transfer-input', 'carol');
    const carolRinging = incoming(s.carol);
    const dial = oneEvent(s.el, 'sb-request-dial');
    [...(s.el.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~="transfer"] button') ?? [])]
      .find((b) => b.textContent?.trim() === 'Consult first')
      ?.click();
    expect(((await dial) as CustomEvent).detail).to.deep.equal({
      target: 'carol',
      uri: 'sip:carol@test.local',
      consultFor: agentCall.id,
    });
    await agentCall.when('held');
    (await carolRinging).answer();
    await waitUntil(() => parts(s.el, 'line').length === 2, 'two lines');
    await waitUntil(
      () => part(s.el, 'call-status')?.dataset['status'] === 'connected',
      'consulting',
    );
    const consultation = s.agent.getCalls().find((c) => c.id !== agentCall.id) as Call;
    expect(part(s.el, 'call')?.dataset['call']).to.equal(consultation.id);

    const tabs = parts(s.el, 'line');
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).to.deep.equal(['false', 'true']);
    tabs[1]?.focus();
    const changed = oneEvent(s.el, 'sb-line-change');
    await sendKeys({ press: 'ArrowLeft' });
    expect(((await changed) as CustomEvent).detail).to.deep.equal({ callId: agentCall.id });
    await waitUntil(() => part(s.el, 'call')?.dataset['call'] === agentCall.id, 'line 1 shown');
    expect(s.el.shadowRoot?.activeElement).to.equal(parts(s.el, 'line')[0]);
    expect(text(s.el, 'call-status')).to.equal('On hold');
    await sendKeys({ press: 'End' });
    await waitUntil(() => part(s.el, 'call')?.dataset['call'] === consultation.id, 'line 2 shown');

    const transfer = oneEvent(s.el, 'sb-request-call-transfer');
    part(s.el, 'complete-transfer')?.click();
    expect(((await transfer) as CustomEvent).detail).to.deep.equal({
      callId: agentCall.id,
      kind: 'attended',
      consultationCallId: consultation.id,
    });
    await waitUntil(() => s.net.sent.includes('REFER'), 'REFER with Replaces sent');
  });

  it('follows the documented keyboard model of the keypad and the number field', async () => {
    const s = await setup();
    const keys = () => parts(s.el, 'key');
    expect(keys().filter((k) => k.tabIndex === 0)).to.have.length(1);
    keys()[0]?.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    expect(s.el.shadowRoot?.activeElement?.textContent?.trim()).to.equal('5');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ type: '0*' });
    expect(s.el.shadowRoot?.activeElement?.textContent?.trim()).to.equal('*');
    expect((part(s.el, 'input') as HTMLInputElement).value).to.equal('5#0*');
    (part(s.el, 'input') as HTMLInputElement).focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => (part(s.el, 'input') as HTMLInputElement).value === '', 'cleared');
  });

  it('shows the reconnecting state and comes back', async () => {
    const s = await setup();
    const { agentCall } = await connectedCall(s);
    s.net.dropConnections();
    await waitUntil(() => part(s.el, 'status')?.dataset['status'] === 'reconnecting', 'phone');
    await waitUntil(() => part(s.el, 'reconnecting'), 'the call says it reconnects');
    expect(text(s.el, 'call-status')).to.equal('Reconnecting…');
    expect(control(s.el, 'hold')?.disabled).to.equal(true);
    s.net.restore();
    await agentCall.when('connected');
    await waitUntil(() => part(s.el, 'reconnecting') === null, 'recovered');
    expect(text(s.el, 'status')).to.equal('Ready for calls');
  });

  it('shows live call quality as a MOS level', async () => {
    const s = await setup();
    const ringing = incoming(s.agent);
    s.bob.call('alice');
    const call = await ringing;
    let packets = 0;
    const connection = {
      iceConnectionState: 'connected',
      addEventListener() {},
      removeEventListener() {},
      getStats: async () => {
        packets += 100;
        return [
          {
            type: 'inbound-rtp',
            kind: 'audio',
            packetsReceived: packets,
            packetsLost: 0,
            jitter: 0.004,
            bytesReceived: packets * 160,
          },
          { type: 'remote-inbound-rtp', roundTripTime: 0.03 },
        ];
      },
    };
    (call.sipSession as FakeSipSession).emitEvent({
      type: 'peer-connection',
      connection: connection as unknown as RTCPeerConnection,
    });
    call.answer();
    await call.when('connected');
    await waitUntil(() => part(s.el, 'quality')?.dataset['level'] === 'unknown', 'measuring');
    // each poll moves the phone's clock one sampling interval on (no wall-clock sleeps)
    await waitUntil(() => {
      s.clock.advance(2000);
      return call.getSnapshot().quality !== undefined;
    }, 'two samples taken');
    await waitUntil(() => part(s.el, 'quality')?.dataset['level'] === 'good', 'quality shows');
    expect(text(s.el, 'quality')).to.match(/^Call quality: Good \(MOS 4\.\d\)$/);
  });

  it('picks audio devices through a DeviceManager', async () => {
    const s = await setup();
    const devices = new DeviceManager();
    await devices.refresh();
    s.el.devices = devices;
    await waitUntil(() => part(s.el, 'devices'), 'the picker shows');
    const select = part(s.el, 'device-select') as HTMLSelectElement;
    const options = [...select.options].map((o) => o.value);
    expect(options[0]).to.equal('');
    const request = oneEvent(s.el, 'sb-request-device');
    select.value = '';
    select.dispatchEvent(new Event('change'));
    expect(((await request) as CustomEvent).detail).to.deep.equal({
      kind: 'microphone',
      deviceId: undefined,
    });
    await expectAccessible(s.el);
    devices.dispose();
  });

  it('speaks Chinese (own locale and runtime switch)', async () => {
    const s = await setup({ locale: 'zh-CN', callerName: '张三' });
    expect(text(s.el, 'status')).to.equal('可以接打电话');
    expect(text(s.el, 'dial')).to.equal('呼叫');
    const ringing = incoming(s.agent);
    s.bob.call('alice', { headers: ['X-Queue: billing'] });
    await ringing;
    await waitUntil(() => part(s.el, 'banner'), 'the banner shows');
    expect(text(s.el, 'answer')).to.equal('接听');
    expect(text(s.el, 'context')).to.contain('队列 billing');
    s.el.locale = undefined;
    await waitUntil(() => text(s.el, 'answer') === 'Answer', 'page locale (en)');
    setLocale('zh-CN');
    await waitUntil(() => text(s.el, 'decline') === '拒接', 'runtime switch');
  });

  it('has no axe violations in light and dark (idle, incoming, in a call with the transfer form)', async () => {
    for (const theme of ['light', 'dark']) {
      const s = await setup({ theme, callerName: 'Ada' });
      expect(getComputedStyle(part(s.el, 'base') as HTMLElement).backgroundColor).to.equal(
        theme === 'dark' ? 'rgb(23, 25, 28)' : 'rgb(255, 255, 255)',
      );
      await expectAccessible(s.el);
      const ringing = incoming(s.agent);
      s.bob.call('alice', { headers: ['X-Queue: billing'] });
      await ringing;
      await waitUntil(() => part(s.el, 'banner'), 'the banner shows');
      await expectAccessible(s.el);
      part(s.el, 'answer')?.click();
      await waitUntil(
        () => part(s.el, 'call-status')?.dataset['status'] === 'connected',
        'in call',
      );
      control(s.el, 'transfer')?.click();
      await waitUntil(() => part(s.el, 'transfer'), 'transfer form');
      await expectAccessible(s.el);
      for (const p of phones) p.dispose();
      phones = [];
    }
  });

  it('renders hostile caller names and call data as text', async () => {
    for (const payload of XSS_PAYLOADS) {
      const s = await setup({ callerName: payload });
      const ringing = incoming(s.agent);
      s.bob.call('alice', { headers: [`X-Queue: ${payload}`] });
      await ringing;
      await waitUntil(() => part(s.el, 'banner'), 'the banner shows');
      expect(text(s.el, 'caller')).to.equal(payload.replace(/\s+/g, ' ').trim());
      expect(part(s.el, 'context')?.textContent).to.contain(payload);
      expect(parts(s.el, 'line')[0]?.textContent).to.contain(payload);
      expectNoInjection(s.el);
      for (const p of phones) p.dispose();
      phones = [];
    }
  });

  it('takes its phone from the sb-phone context and unsubscribes when removed', async () => {
    const clock = new VirtualClock(0);
    const net = new FakeSipNetwork();
    const phone = new Phone({
      transport: net.createTransport({ uri: 'sip:dave@test.local' }),
      clock,
    });
    phones.push(phone);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: phoneContext, initialValue: phone });
    const el = document.createElement('sb-softphone');
    host.append(el);
    await waitUntil(
      () => part(el, 'status')?.dataset['status'] === 'idle',
      'bound through context',
    );
    await phone.start();
    await waitUntil(() => part(el, 'status')?.dataset['status'] === 'registered', 'follows it');
    el.remove();
    const stopped = new Promise<void>((resolve) => {
      const off = phone.subscribe(
        (snap) => snap.status,
        (status) => {
          if (status === 'stopped') {
            off();
            resolve();
          }
        },
      );
    });
    phone.stop();
    await stopped;
    await el.updateComplete;
    expect(part(el, 'status')?.dataset['status']).to.equal('registered');
  });
});

describe('sb-softphone under a strict CSP', () => {
  afterEach(() => {
    for (const p of phones) p.dispose();
    phones = [];
  });

  it('renders and updates (incoming, in a call, transfer form) with no CSP violation', async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'";
    document.head.append(meta);
    // The policy is in force: an inline script is refused and reported (so this test can fail).
    const inline = document.createElement('script');
    inline.textContent = 'window.__sbInline = 1';
    document.body.append(inline);
    await waitUntil(() => violations.length > 0, 'the inline-script violation is reported');
    inline.remove();
    violations.length = 0;

    const s = await setup({ callerName: 'Ada', theme: 'dark' });
    await connectedCall(s);
    control(s.el, 'transfer')?.click();
    await waitUntil(() => part(s.el, 'transfer'), 'transfer form');
    s.clock.advance(3000);
    await waitUntil(() => text(s.el, 'timer') === '0:03', 'timer ticks');
    expect(violations).to.deep.equal([]);
  });
});
