// Storybook for the widgets (web-components + Vite): a story per element and state, each fed by a
// local ContactCenter on a simulated center (src/stories/demo-center.ts). `npm run storybook:build`
// builds it statically; the screenshot test loads the built stories in Debian's Chromium.
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../src/**/*.stories.ts'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(vite) {
    // Our packages' TypeScript sources, as the tests use them (no build needed first).
    return {
      ...vite,
      resolve: {
        ...vite.resolve,
        conditions: ['source', 'browser', 'import', 'module', 'default'],
      },
    };
  },
};

export default config;
