import type { Catalog } from '../../i18n/locale-state.js';

const en = {
  readiness: {
    /** The first sync after a page load. */
    syncing: 'Syncing…',
    /** A sync after a sleep, a background spell or a lost network. */
    reconnecting: 'Reconnecting…',
    /** The state label when a sync failed. */
    notConnected: 'Not connected',
    failed: {
      authenticating: 'Could not sign in again.',
      registering: 'The phone did not register.',
      resyncing: 'Could not load your latest state.',
    },
    retry: 'Retry',
  },
};

/** The strings of `sb-agent-status` beyond the shared catalog: its desktop's readiness. */
export type AgentStatusMessages = typeof en;

/** `sb-agent-status`'s own catalog: English (the source) and Simplified Chinese. */
export const agentStatusMessages: Catalog<AgentStatusMessages> = {
  en,
  'zh-CN': {
    readiness: {
      syncing: '正在同步…',
      reconnecting: '正在重新连接…',
      notConnected: '未连接',
      failed: {
        authenticating: '无法重新验证身份。',
        registering: '话机未能注册。',
        resyncing: '无法加载您的最新状态。',
      },
      retry: '重试',
    },
  },
};
