import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoCenter, storyLook } from '../../stories/demo-center.js';
import type { DemoCenter } from '../../stories/demo-center.js';

const meta: Meta = {
  title: 'Elements/sb-ticket-list',
  component: 'sb-ticket-list',
  render: (_args, { loaded, globals }) => {
    const { center, clock } = loaded['demo'] as DemoCenter;
    const { theme, locale } = storyLook(globals);
    return html`<sb-ticket-list
      .center=${center}
      .clock=${clock}
      agent-id="alice"
      theme=${theme}
      locale=${locale}
    ></sb-ticket-list>`;
  },
};
export default meta;

type Story = StoryObj;

/** An agent's open tickets with live SLA countdowns. */
export const Assigned: Story = { loaders: [async () => ({ demo: await demoCenter() })] };
/** No tickets. */
export const Empty: Story = {
  loaders: [async () => ({ demo: await demoCenter({ empty: true }) })],
};
