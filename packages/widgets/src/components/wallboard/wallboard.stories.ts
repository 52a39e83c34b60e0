import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoCenter, storyLook } from '../../stories/demo-center.js';
import type { DemoCenter } from '../../stories/demo-center.js';

const meta: Meta = {
  title: 'Elements/sb-wallboard',
  component: 'sb-wallboard',
  render: (_args, { loaded, globals }) => {
    const { center, clock } = loaded['demo'] as DemoCenter;
    const { theme, locale } = storyLook(globals);
    return html`<sb-wallboard
      .center=${center}
      .clock=${clock}
      theme=${theme}
      locale=${locale}
    ></sb-wallboard>`;
  },
};
export default meta;

type Story = StoryObj;

/** Live KPI tiles and charts of the demo center. */
export const Live: Story = { loaders: [async () => ({ demo: await demoCenter() })] };
