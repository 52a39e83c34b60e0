import type { Catalog } from '../../i18n/locale-state.js';

const en = {
  agentDesktop: {
    title: 'Agent desktop',
    sections: 'Desktop sections',
    section: {
      interaction: 'Interaction',
      customer: 'Customer',
      tickets: 'Tickets',
    },
    noCustomer: 'The customer of your current interaction shows here.',
    backToTickets: 'Back to tickets',
  },
};

/** The strings of `sb-agent-desktop`. */
export type AgentDesktopMessages = typeof en;

/** `sb-agent-desktop`'s catalog: English (the source) and Simplified Chinese. */
export const agentDesktopMessages: Catalog<AgentDesktopMessages> = {
  en,
  'zh-CN': {
    agentDesktop: {
      title: '坐席工作台',
      sections: '工作台分区',
      section: {
        interaction: '当前联络',
        customer: '客户',
        tickets: '工单',
      },
      noCustomer: '当前联络的客户信息将显示在这里。',
      backToTickets: '返回工单列表',
    },
  },
};
