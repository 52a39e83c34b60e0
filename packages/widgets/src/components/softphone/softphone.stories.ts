import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { Phone, TabPhone, type Call, type PhoneControl } from '@switchboard/webrtc';
import { FakeSipNetwork } from '@switchboard/webrtc/testing';
import { storyLook } from '../../stories/demo-center.js';

/** What a story's phone is doing when it is shown. */
type Scene =
  'idle' | 'incoming' | 'connected' | 'held' | 'two-lines' | 'reconnecting' | 'other-tab';

interface DemoPhone {
  readonly phone: PhoneControl;
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

/**
 * An agent's phone on an in-memory SIP network with two customers who call it, brought to `scene`.
 * The network is the one the tests use (`@switchboard/webrtc/testing`): no server needed.
 */
async function demoPhone(scene: Scene): Promise<DemoPhone> {
  const net = new FakeSipNetwork();
  const make = (user: string) =>
    new Phone({
      transport: net.createTransport({ uri: `sip:${user}@demo.local` }),
      agentId: user,
      readHeaders: ['X-Switchboard-Ivr-Path'],
    });
  if (scene === 'other-tab') {
    // Two TabPhones of the same agent: the first owns the phone, the story shows the second.
    const name = `sb-story-${Math.random()}`;
    const owner = new TabPhone({ name, createPhone: () => make('agent') });
    owner.start();
    await new Promise<void>((resolve) => {
      const off = owner.subscribe(
        (s) => s.status,
        (status) => {
          if (status !== 'registered') return;
          off();
          resolve();
        },
      );
    });
    const here = new TabPhone({ name, createPhone: () => make('agent') });
    here.start();
    return { phone: here };
  }
  const phone = make('agent');
  const ada = make('ada');
  const grace = make('grace');
  await Promise.all([phone.start(), ada.start(), grace.start()]);
  if (scene === 'idle') return { phone };
  const ringing = incoming(phone);
  ada.call('agent', {
    headers: [
      'X-Queue: billing',
      'X-Customer-Id: c-1042',
      'X-Switchboard-Ivr-Path: main>billing>2',
    ],
  });
  const first = await ringing;
  if (scene === 'incoming') return { phone };
  first.answer();
  await first.when('connected');
  if (scene === 'held') {
    first.hold();
    await first.when('held');
  } else if (scene === 'two-lines') {
    first.hold();
    await first.when('held');
    const second = incoming(grace);
    phone.call('grace');
    (await second).answer();
  } else if (scene === 'reconnecting') {
    net.dropConnections();
  }
  return { phone };
}

const meta: Meta = {
  title: 'Elements/sb-softphone',
  component: 'sb-softphone',
  render: (args, { loaded, globals }) => {
    const { phone } = loaded['demo'] as DemoPhone;
    const { theme, locale } = storyLook(globals);
    return html`<sb-softphone .phone=${phone} theme=${theme} locale=${locale}></sb-softphone>`;
  },
  loaders: [async ({ args }) => ({ demo: await demoPhone(args['scene'] as Scene) })],
  argTypes: {
    scene: {
      control: 'select',
      options: ['idle', 'incoming', 'connected', 'held', 'two-lines', 'reconnecting', 'other-tab'],
    },
  },
};
export default meta;

type Story = StoryObj;

/** Registered, no call: number field and keypad. */
export const Idle: Story = { args: { scene: 'idle' } };
/** A customer calls: the banner with the caller and the IVR path, focus on Answer. */
export const IncomingCall: Story = { args: { scene: 'incoming' } };
/** In a call: timer, quality, mute, hold, transfer, keypad sends tones. */
export const Connected: Story = { args: { scene: 'connected' } };
/** The call on hold: Resume. */
export const OnHold: Story = { args: { scene: 'held' } };
/** One call held, a second one talking: the line switcher and "complete transfer". */
export const TwoLines: Story = { args: { scene: 'two-lines' } };
/** The signalling dropped during a call: the reconnecting state. */
export const Reconnecting: Story = { args: { scene: 'reconnecting' } };
/** The agent's phone is open in another tab: this tab mirrors it, with "Use this tab". */
export const InAnotherTab: Story = { args: { scene: 'other-tab' } };
/** On a phone-sized screen (360 px wide). */
export const Narrow360: Story = {
  args: { scene: 'connected' },
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
};
