// <sb-softphone> over a real Phone (JsSIP) through the end-to-end Kamailio: run by
// scripts/e2e/run-e2e.ts (`npm run test:e2e`), which starts Kamailio on loopback and answers the
// `sb-e2e-config` command. The other party is a second real Phone driven from code. (In an e2e/
// folder: neither the Node runner nor `npm run test:browser` picks it up.)
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Phone } from '@switchboard/webrtc';
import { makePhone, nextIncoming, stopAllPhones } from '../../../../../webrtc/e2e/helpers.js';
import '../softphone.js';
import { part } from '../../../fixtures/widget-fixtures.js';
import type { SbSoftphone } from '../softphone.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const status = (el: SbSoftphone) => part(el, 'call-status')?.dataset['status'];
const control = (el: SbSoftphone, action: string) =>
  el.shadowRoot?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;

async function agentWithSoftphone(): Promise<{ agent: Phone; el: SbSoftphone }> {
  const agent = await makePhone('alice', { quality: { intervalMs: 500 } });
  const el = await fixture<SbSoftphone>(html`<sb-softphone .phone=${agent}></sb-softphone>`);
  await agent.start();
  await waitUntil(() => part(el, 'status')?.dataset['status'] === 'registered', 'registered', {
    timeout: 20_000,
  });
  return { agent, el };
}

describe('sb-softphone with a real Phone through Kamailio', () => {
  afterEach(() => stopAllPhones());

  it('answers an incoming call, sends tones, holds, shows live MOS, and hangs up', async () => {
    const { el } = await agentWithSoftphone();
    const bob = await makePhone('bob');
    await bob.start();
    const call = bob.call('alice', { headers: ['X-Queue: billing'] });
    await waitUntil(() => part(el, 'answer'), 'the banner shows', { timeout: 10_000 });
    expect(part(el, 'caller')?.textContent?.trim()).to.equal('bob');
    expect(part(el, 'context')?.textContent).to.contain('billing');
    part(el, 'answer')?.click();
    await call.when('connected');
    await waitUntil(() => status(el) === 'connected', 'connected', { timeout: 10_000 });

    (el.shadowRoot?.querySelector('[data-key="7"]') as HTMLElement).click();
    await waitUntil(() => part(el, 'tones')?.textContent?.includes('7') ?? false, 'tone played', {
      timeout: 5000,
    });

    await waitUntil(
      () => ['good', 'fair', 'poor'].includes(part(el, 'quality')?.dataset['level'] ?? ''),
      'a MOS from real RTP statistics',
      { timeout: 15_000 },
    );
    expect(part(el, 'quality')?.textContent).to.match(/MOS \d\.\d/);

    control(el, 'hold')?.click();
    await waitUntil(() => status(el) === 'held', 'held', { timeout: 5000 });
    await waitUntil(() => call.getSnapshot().remoteHold, 'bob hears the hold', { timeout: 5000 });
    control(el, 'resume')?.click();
    await waitUntil(() => status(el) === 'connected', 'resumed', { timeout: 5000 });

    control(el, 'hangup')?.click();
    await call.when('ended');
    await waitUntil(() => part(el, 'call') === null, 'the line goes', { timeout: 5000 });
  });

  it('dials a number typed in the field and refuses one the Phone cannot parse', async () => {
    const { el } = await agentWithSoftphone();
    const bob = await makePhone('bob');
    await bob.start();
    const input = part(el, 'input') as HTMLInputElement;
    input.value = 'sip:bob@';
    input.dispatchEvent(new Event('input'));
    part(el, 'dial')?.click();
    await waitUntil(() => part(el, 'error'), 'refused before any SIP');
    const ringing = nextIncoming(bob);
    input.value = 'bob';
    input.dispatchEvent(new Event('input'));
    part(el, 'dial')?.click();
    const bobCall = await ringing;
    bobCall.answer();
    await waitUntil(() => status(el) === 'connected', 'connected', { timeout: 10_000 });
    bobCall.hangup();
    await waitUntil(() => part(el, 'call') === null, 'the line goes', { timeout: 5000 });
  });
});
