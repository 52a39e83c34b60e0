import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoCenter, storyLook } from '../../stories/demo-center.js';
import type { DemoCenter } from '../../stories/demo-center.js';

interface ChatStory {
  readonly demo: DemoCenter;
  readonly interactionId: string;
}

/** The demo center plus a chat of Alice's with a few messages; `end` ends it. */
async function chatStory(end = false): Promise<ChatStory> {
  const demo = await demoCenter();
  const { center, clock } = demo;
  await center.login('alice');
  const ix = await center.createInteraction({
    channel: 'chat',
    queueId: 'sales',
    attributes: { name: 'Grace Hopper', email: 'grace@example.com' },
  });
  await center.acceptOffer(ix.id);
  await center.addTranscriptMessage(ix.id, { from: 'customer', text: 'Hi, order 42 is late.' });
  clock.advance(30_000);
  await center.addTranscriptMessage(ix.id, {
    from: 'agent',
    agentId: 'alice',
    text: 'Sorry about that, Grace.\nLet me check the parcel.',
  });
  clock.advance(20_000);
  await center.addTranscriptMessage(ix.id, { from: 'customer', text: '谢谢！Thank you.' });
  if (end) await center.end(ix.id);
  return { demo, interactionId: ix.id };
}

const meta: Meta = {
  title: 'Elements/sb-chat',
  component: 'sb-chat',
  render: (args, { loaded, globals }) => {
    const { demo, interactionId } = loaded['chat'] as ChatStory;
    const { theme, locale } = storyLook(globals);
    return html`<sb-chat
      .center=${demo.center}
      .clock=${demo.clock}
      agent-id="alice"
      interaction-id=${interactionId}
      ?customer-typing=${Boolean(args['customerTyping'])}
      theme=${theme}
      locale=${locale}
    ></sb-chat>`;
  },
};
export default meta;

type Story = StoryObj;

/** A connected chat with messages both ways. */
export const Conversation: Story = { loaders: [async () => ({ chat: await chatStory() })] };

/** The customer is typing. */
export const CustomerTyping: Story = {
  args: { customerTyping: true },
  loaders: [async () => ({ chat: await chatStory() })],
};

/** The chat has ended: the composer is closed. */
export const Ended: Story = { loaders: [async () => ({ chat: await chatStory(true) })] };

/** The chat on a phone-sized screen. */
export const Narrow360: Story = {
  loaders: [async () => ({ chat: await chatStory() })],
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
};
