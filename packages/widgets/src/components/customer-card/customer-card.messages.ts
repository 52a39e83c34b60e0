import type { Catalog } from '../../i18n/locale-state.js';

const en = {
  customerCard: {
    customerData: 'Customer data',
    dispositions: {
      resolved: 'Resolved',
      'follow-up': 'Follow-up needed',
      escalated: 'Escalated',
    },
    noCustomer: 'No customer selected.',
    notFound: 'This customer could not be loaded.',
    identities: 'Identities',
    identityKind: { phone: 'Phone', email: 'Email', chat: 'Chat', external: 'CRM' },
    recent: 'Recent interactions',
    noInteractions: 'No interactions yet.',
    openTickets: (count: string) => `Open tickets (${count})`,
    noTickets: 'No open tickets.',
    crm: 'CRM records',
    newTab: '(opens in a new tab)',
  },
};

/** The strings of `sb-customer-card`. */
export type CustomerCardMessages = typeof en;

/** `sb-customer-card`'s catalog: English (the source) and Simplified Chinese. */
export const customerCardMessages: Catalog<CustomerCardMessages> = {
  en,
  'zh-CN': {
    customerCard: {
      customerData: '客户资料',
      dispositions: {
        resolved: '已解决',
        'follow-up': '需要跟进',
        escalated: '已升级',
      },
      noCustomer: '未选择客户。',
      notFound: '无法加载此客户。',
      identities: '身份',
      identityKind: { phone: '电话', email: '邮件', chat: '聊天', external: 'CRM' },
      recent: '最近的联络',
      noInteractions: '暂无联络记录。',
      openTickets: (count) => `未解决的工单（${count}）`,
      noTickets: '没有未解决的工单。',
      crm: 'CRM 记录',
      newTab: '（在新标签页中打开）',
    },
  },
};
