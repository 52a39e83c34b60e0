import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoCenter, storyLook } from '../../stories/demo-center.js';
import type { DemoCenter } from '../../stories/demo-center.js';

const meta: Meta = {
  title: 'Elements/sb-agent-status',
  component: 'sb-agent-status',
  args: { agentId: 'alice' },
  render: (args, { loaded, globals }) => {
    const { center, clock } = loaded['demo'] as DemoCenter;
    const { theme, locale } = storyLook(globals);
    return html`<sb-agent-status
      .center=${center}
      .clock=${clock}
      agent-id=${String(args['agentId'])}
      wrap-up-ms="60000"
      theme=${theme}
      locale=${locale}
    ></sb-agent-status>`;
  },
  loaders: [async () => ({ demo: await demoCenter() })],
};
export default meta;

type Story = StoryObj;

/** Logged out. */
export const Offline: Story = { args: { agentId: 'alice' } };
/** On a call. */
export const Busy: Story = { args: { agentId: 'bob' } };
/** Not ready, on a break. */
export const NotReady: Story = { args: { agentId: 'carol' } };
/** In wrap-up, with its countdown. */
export const WrapUp: Story = { args: { agentId: 'dave' } };
