import type { Catalog } from './locale-state.js';

// Words several elements share: states of the center and the names of channels, statuses and
// priorities. Each element's own strings live in its own catalog beside it.
const en = {
  loading: 'Loading…',
  loadFailed: 'Could not load the latest data.',
  noCenter: 'No contact center connected.',
  notAvailable: '—',
  unknownCustomer: 'Unknown customer',
  channel: {
    voice: 'Call',
    chat: 'Chat',
    email: 'Email',
    sms: 'SMS',
    callback: 'Callback',
  },
  status: {
    created: 'Created',
    ivr: 'In IVR',
    queued: 'Queued',
    offered: 'Offered',
    connected: 'Connected',
    held: 'On hold',
    'wrap-up': 'Wrap-up',
    completed: 'Completed',
    abandoned: 'Abandoned',
    transferred: 'Transferred',
  },
  ticketStatus: {
    new: 'New',
    open: 'Open',
    pending: 'Pending',
    'on-hold': 'On hold',
    solved: 'Solved',
    closed: 'Closed',
  },
  priority: {
    low: 'Low',
    normal: 'Normal',
    high: 'High',
    urgent: 'Urgent',
  },
};

/** The shared words of the widgets. */
export type CommonMessages = typeof en;

/** The shared words in every shipped locale. */
export const commonMessages: Catalog<CommonMessages> = {
  en,
  'zh-CN': {
    loading: '加载中…',
    loadFailed: '无法加载最新数据。',
    noCenter: '未连接联络中心。',
    notAvailable: '—',
    unknownCustomer: '未知客户',
    channel: {
      voice: '电话',
      chat: '在线聊天',
      email: '邮件',
      sms: '短信',
      callback: '回呼',
    },
    status: {
      created: '已创建',
      ivr: 'IVR 中',
      queued: '排队中',
      offered: '待接听',
      connected: '通话中',
      held: '保持中',
      'wrap-up': '话后处理',
      completed: '已完成',
      abandoned: '已放弃',
      transferred: '已转接',
    },
    ticketStatus: {
      new: '新建',
      open: '处理中',
      pending: '待回复',
      'on-hold': '挂起',
      solved: '已解决',
      closed: '已关闭',
    },
    priority: {
      low: '低',
      normal: '普通',
      high: '高',
      urgent: '紧急',
    },
  },
};
