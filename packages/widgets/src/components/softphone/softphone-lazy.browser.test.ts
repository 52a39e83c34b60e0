// The softphone's call views are a module it imports after its first render. This file runs in a
// page of its own, where nothing has imported that module yet: a call already ringing when the
// element first renders is announced at once, and its banner (with focus on Answer) follows when
// the views are in.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { VirtualClock, sequentialIds } from '@switchboard/core/shared';
import { Phone, type Call } from '@switchboard/webrtc';
import { FakeSipNetwork } from '@switchboard/webrtc/testing';
import './softphone.js';
import { part } from '../../fixtures/widget-fixtures.js';
import type { SbSoftphone } from './softphone.component.js';

declare const it: (name: string, body: () => Promise<void>) => void;

it('announces a call ringing before its views load, then shows it with focus on Answer', async () => {
  const clock = new VirtualClock(1_000_000);
  const net = new FakeSipNetwork();
  const phone = (user: string) =>
    new Phone({
      transport: net.createTransport({ uri: `sip:${user}@test.local` }),
      clock,
      ids: sequentialIds(),
      agentId: user,
    });
  const alice = phone('alice');
  const bob = phone('bob');
  try {
    await Promise.all([alice.start(), bob.start()]);
    const ringing = new Promise<Call>((resolve) => {
      const off = alice.onEvent((e) => {
        if (e.type === 'incoming-call') {
          off();
          resolve(e.call);
        }
      });
    });
    bob.call('alice');
    await ringing;
    const el = await fixture<SbSoftphone>(
      html`<sb-softphone .phone=${alice} .clock=${clock} locale="en"></sb-softphone>`,
    );
    // The first render: the status, the dialer and the announcement, not yet the banner.
    expect(part(el, 'status')?.dataset['status']).to.equal('registered');
    expect(part(el, 'banner')).to.equal(null);
    expect(el.shadowRoot?.querySelector('[aria-live]')?.textContent).to.equal(
      'Incoming call from bob',
    );
    await waitUntil(() => part(el, 'banner'), 'the banner follows the views');
    await waitUntil(
      () => el.shadowRoot?.activeElement === part(el, 'answer'),
      'focus moves to Answer',
    );
    // The views' own rules came with them.
    expect(getComputedStyle(part(el, 'answer') as HTMLElement).fontWeight).to.equal('600');
  } finally {
    alice.dispose();
    bob.dispose();
  }
});
