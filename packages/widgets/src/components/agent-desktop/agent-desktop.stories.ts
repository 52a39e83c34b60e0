import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoCenter, storyLook } from '../../stories/demo-center.js';
import type { DemoCenter } from '../../stories/demo-center.js';

const meta: Meta = {
  title: 'Elements/sb-agent-desktop',
  component: 'sb-agent-desktop',
  render: (args, { loaded, globals }) => {
    const { center, clock } = loaded['demo'] as DemoCenter;
    const { theme, locale } = storyLook(globals);
    return html`<sb-agent-desktop
      .center=${center}
      .clock=${clock}
      agent-id=${String(args['agentId'])}
      theme=${theme}
      locale=${locale}
    ></sb-agent-desktop>`;
  },
  loaders: [async () => ({ demo: await demoCenter() })],
};
export default meta;

type Story = StoryObj;

/** An agent on a call: status, the call, the customer and their tickets. */
export const OnACall: Story = { args: { agentId: 'bob' } };

/** The desktop on a phone-sized screen (one section at a time behind a tab bar). */
export const Narrow360: Story = {
  args: { agentId: 'bob' },
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
};
