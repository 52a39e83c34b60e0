import type { Catalog } from '../../i18n/locale-state.js';

// The launcher's and the window frame's strings: all that `sb-webchat` shows before its window's
// content has loaded (the content's strings, in webchat.messages.ts, load with it).
const en = {
  launcher: 'Chat with us',
  title: 'Chat with us',
  close: 'Close the chat window',
  opening: 'Opening the chat…',
  openFailed: 'The chat could not be opened. Reload the page to try again.',
};

/** The strings of `sb-webchat`'s launcher and window frame. */
export type WebchatLauncherMessages = typeof en;

/** `sb-webchat`'s launcher strings in every shipped locale. */
export const webchatLauncherMessages: Catalog<WebchatLauncherMessages> = {
  en,
  'zh-CN': {
    launcher: '在线咨询',
    title: '在线咨询',
    close: '关闭聊天窗口',
    opening: '正在打开聊天…',
    openFailed: '无法打开聊天，请刷新页面后重试。',
  },
};
