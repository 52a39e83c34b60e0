import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoCenter, storyLook } from '../../stories/demo-center.js';
import type { DemoCenter } from '../../stories/demo-center.js';

const meta: Meta = {
  title: 'Elements/sb-interaction-panel',
  component: 'sb-interaction-panel',
  render: (args, { loaded, globals }) => {
    const { center } = loaded['demo'] as DemoCenter;
    const { theme, locale } = storyLook(globals);
    return html`<sb-interaction-panel
      .center=${center}
      agent-id=${String(args['agentId'])}
      theme=${theme}
      locale=${locale}
    ></sb-interaction-panel>`;
  },
  loaders: [async () => ({ demo: await demoCenter() })],
};
export default meta;

type Story = StoryObj;

/** A connected call: hold and end. */
export const Connected: Story = { args: { agentId: 'bob' } };
/** After a chat: disposition and notes. */
export const WrapUp: Story = { args: { agentId: 'dave' } };
/** Nothing in hand. */
export const Idle: Story = { args: { agentId: 'carol' } };
