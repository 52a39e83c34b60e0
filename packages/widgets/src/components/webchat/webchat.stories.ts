import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoCenter, storyLook } from '../../stories/demo-center.js';
import type { DemoCenter } from '../../stories/demo-center.js';

/** The demo center with a small web bot flow (`web-bot`): a greeting and a menu of two topics. */
async function webchatCenter(): Promise<DemoCenter> {
  const demo = await demoCenter();
  await demo.center.saveFlow({
    schema: 'switchboard.ivr.flow/1',
    id: 'web-bot',
    version: 1,
    name: 'Web bot',
    languages: ['en', 'zh-CN'],
    timezone: 'Europe/London',
    start: 'menu',
    variables: {},
    nodes: [
      {
        id: 'menu',
        kind: 'menu',
        prompt: { en: 'Hi! What is it about?', 'zh-CN': '您好！请问是什么问题？' },
        choices: [
          { dtmf: '1', speech: { en: ['Billing'], 'zh-CN': ['账单'] }, next: 'billing' },
          { dtmf: '2', speech: { en: ['Sales'], 'zh-CN': ['销售'] }, next: 'sales' },
        ],
        exits: { noInput: 'sales', noMatch: 'sales' },
      },
      { id: 'billing', kind: 'enqueue', queue: 'billing' },
      { id: 'sales', kind: 'enqueue', queue: 'sales' },
    ],
  });
  return demo;
}

const meta: Meta = {
  title: 'Elements/sb-webchat',
  component: 'sb-webchat',
  render: (args, { loaded, globals }) => {
    const { center, clock } = loaded['demo'] as DemoCenter;
    const { theme, locale } = storyLook(globals);
    return html`<sb-webchat
      .center=${center}
      .clock=${clock}
      flow-id="web-bot"
      language=${locale}
      ?open=${Boolean(args['open'])}
      theme=${theme}
      locale=${locale}
    ></sb-webchat>`;
  },
  loaders: [async () => ({ demo: await webchatCenter() })],
};
export default meta;

type Story = StoryObj;

/** Only the launcher button, as a site shows it. */
export const Closed: Story = { args: { open: false } };

/** The window open on the pre-chat form (fill it in to meet the bot and queue a chat). */
export const PreChatForm: Story = { args: { open: true } };

/** The open window on a phone-sized screen. */
export const Narrow360: Story = {
  args: { open: true },
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
};
