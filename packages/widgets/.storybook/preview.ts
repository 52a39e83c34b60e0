import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setLocale } from '../src/i18n/locale.js';
import '../src/define.js';

// Theme and locale are toolbar globals, so every story can be seen light/dark and in en/zh-CN
// (and the screenshot test selects them through the URL's `globals`).
const withThemeAndLocale: Decorator = (story, context) => {
  const theme = context.globals['theme'] === 'dark' ? 'dark' : 'light';
  const locale = context.globals['locale'] === 'zh-CN' ? 'zh-CN' : 'en';
  setLocale(locale);
  document.documentElement.lang = locale;
  document.body.style.background = theme === 'dark' ? '#111418' : '#ffffff';
  // The stories pass the theme to their element (its `theme` attribute); this sets the page.
  return html`${story()}`;
};

const preview: Preview = {
  decorators: [withThemeAndLocale],
  globalTypes: {
    theme: {
      description: 'Colour theme of the elements',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
    locale: {
      description: 'Language of the elements',
      toolbar: { title: 'Locale', icon: 'globe', items: ['en', 'zh-CN'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en' },
  parameters: { layout: 'padded', controls: { expanded: true } },
};

export default preview;
