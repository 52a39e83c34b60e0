import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoCenter, storyLook } from '../../stories/demo-center.js';
import type { DemoCenter } from '../../stories/demo-center.js';

const meta: Meta = {
  title: 'Elements/sb-queue-board',
  component: 'sb-queue-board',
  render: (_args, { loaded, globals }) => {
    const { center, clock } = loaded['demo'] as DemoCenter;
    const { theme, locale } = storyLook(globals);
    return html`<sb-queue-board
      .center=${center}
      .clock=${clock}
      theme=${theme}
      locale=${locale}
      expanded=${(loaded['expanded'] as string | undefined) ?? ''}
    ></sb-queue-board>`;
  },
};
export default meta;

type Story = StoryObj;

/** Three queues: one served, one with agents in wrap-up and on break, one nobody serves. */
export const Busy: Story = { loaders: [async () => ({ demo: await demoCenter() })] };

/** The waiting list of a queue opened. */
export const Expanded: Story = {
  loaders: [async () => ({ demo: await demoCenter(), expanded: 'backlog' })],
};

/** No one waiting anywhere. */
export const EmptyQueues: Story = {
  loaders: [async () => ({ demo: await demoCenter({ empty: true }) })],
};

/** 10,000 waiting interactions, virtualised: only the visible rows are in the DOM. */
export const TenThousandRows: Story = {
  loaders: [async () => ({ demo: await demoCenter({ waiting: 10_000 }), expanded: 'backlog' })],
};

/** The board on a phone-sized screen. */
export const Narrow360: Story = {
  loaders: [async () => ({ demo: await demoCenter() })],
  parameters: { viewport: { defaultViewport: 'mobile1' } },
  decorators: [(story) => html`<div style="width: 360px">${story()}</div>`],
};
