import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sequentialIds } from '@switchboard/core/shared';
import { DeviceManager, Phone, TabPhone } from '@switchboard/webrtc';
import { FakeSipNetwork } from '@switchboard/webrtc/testing';
import './softphone.js';
import { expectAccessible, part } from '../../fixtures/widget-fixtures.js';
import type { SbSoftphone } from './softphone.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;

const text = (el: SbSoftphone, name: string) =>
  part(el, name)?.textContent?.replace(/\s+/g, ' ').trim();
const alert = (el: SbSoftphone) =>
  el.shadowRoot?.querySelector('[role="alert"]')?.textContent?.trim();
const control = (el: SbSoftphone, action: string) =>
  el.shadowRoot?.querySelector<HTMLButtonElement>(`[data-action="${action}"]`) ?? null;

/**
 * Two tabs of agent alice, as two softphones in one page, each over its own `TabPhone` of the same
 * name (its own lock request and BroadcastChannel object, as separate tabs would have).
 */
async function twoTabs() {
  const net = new FakeSipNetwork();
  const name = `sb-softphone-tabs-${Math.random()}`;
  const created: Phone[] = [];
  const tabPhone = () =>
    new TabPhone({
      name,
      createPhone: () => {
        const ids = sequentialIds();
        const tab = created.length;
        const phone = new Phone({
          transport: net.createTransport({ uri: 'sip:alice@test.local' }),
          ids: (prefix) => `tab${tab}-${ids(prefix)}`,
        });
        created.push(phone);
        return phone;
      },
    });
  const bob = new Phone({
    transport: net.createTransport({ uri: 'sip:bob@test.local' }),
    ids: sequentialIds(),
  });
  await bob.start();
  const first = tabPhone();
  first.start();
  await waitUntil(() => first.getSnapshot().status === 'registered', 'the first tab registers');
  const second = tabPhone();
  second.start();
  const a = await fixture<SbSoftphone>(html`<sb-softphone .phone=${first}></sb-softphone>`);
  const b = await fixture<SbSoftphone>(html`<sb-softphone .phone=${second}></sb-softphone>`);
  await waitUntil(
    () => part(b, 'status')?.dataset['status'] === 'registered',
    'the other tab mirrors the phone',
  );
  const dispose = () => {
    first.dispose();
    second.dispose();
    bob.dispose();
  };
  return { first, second, a, b, bob, created, dispose };
}

describe('sb-softphone over a TabPhone (several tabs, one phone)', () => {
  it('lets the other tab answer and control a call, refuses "Use this tab" during it, then moves the phone', async () => {
    const s = await twoTabs();
    try {
      expect(part(s.a, 'other-tab')).to.equal(null);
      expect(text(s.b, 'other-tab')).to.contain('The phone is open in another tab');
      await expectAccessible(s.b);

      s.bob.call('alice');
      await waitUntil(() => part(s.b, 'answer'), 'the other tab shows the incoming call');
      await waitUntil(() => part(s.a, 'answer'), 'the owning tab shows it too');
      part(s.b, 'answer')?.click();
      await waitUntil(
        () =>
          part(s.a, 'call-status')?.dataset['status'] === 'connected' &&
          part(s.b, 'call-status')?.dataset['status'] === 'connected',
        'both tabs show the call connected',
      );
      expect(s.created[0]?.getCalls()[0]?.getSnapshot().status).to.equal('connected');

      // The media is in the owning tab: the phone cannot move while the call lasts.
      part(s.b, 'use-this-tab')?.click();
      await waitUntil(
        () => alert(s.b) === 'The other tab has a call in progress: finish it there first.',
        'the refusal is shown',
      );
      expect(s.first.role).to.equal('leader');

      control(s.b, 'hangup')?.click();
      await waitUntil(() => s.created[0]?.getCalls().length === 0, 'the call ends in the owner');

      part(s.b, 'use-this-tab')?.click();
      await waitUntil(
        () =>
          part(s.b, 'other-tab') === null &&
          part(s.b, 'status')?.dataset['status'] === 'registered',
        'this tab has the phone and is registered',
      );
      await waitUntil(() => part(s.a, 'other-tab') !== null, 'the first tab now follows');
      expect(s.created).to.have.length(2);
      expect(s.created[0]?.getSnapshot().status).to.equal('stopped');
    } finally {
      s.dispose();
    }
  });

  it('shows the device picker only in the tab that has the media', async () => {
    const s = await twoTabs();
    const devices = new DeviceManager();
    try {
      await devices.refresh();
      s.a.devices = devices;
      s.b.devices = devices;
      await waitUntil(() => part(s.a, 'devices'), 'the owning tab shows the picker');
      await waitUntil(() => part(s.b, 'other-tab'), 'the other tab has its views');
      expect(part(s.b, 'devices')).to.equal(null);
    } finally {
      devices.dispose();
      s.dispose();
    }
  });

  it('dials from the other tab and shows the placed call there', async () => {
    const s = await twoTabs();
    try {
      const input = part(s.b, 'input') as HTMLInputElement;
      input.value = 'bob';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await s.b.updateComplete;
      (part(s.b, 'dial') as HTMLButtonElement).click();
      await waitUntil(() => s.bob.getCalls().length === 1, 'bob rings');
      s.bob.getCalls()[0]?.answer();
      await waitUntil(
        () => part(s.b, 'call-status')?.dataset['status'] === 'connected',
        'the other tab shows the call connected',
      );
      expect(s.created[0]?.getCalls()[0]?.getSnapshot().direction).to.equal('outgoing');
    } finally {
      s.dispose();
    }
  });
});
