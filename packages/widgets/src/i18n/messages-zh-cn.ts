import type { Messages } from './messages-en.js';

/** The Simplified Chinese catalog; the {@link Messages} type makes it complete. */
export const zhCN: Messages = {
  presenceLabel: '状态',
  presence: {
    offline: '离线',
    available: '空闲',
    'not-ready': '未就绪',
    reserved: '已预留',
    busy: '忙碌',
    'wrap-up': '话后处理',
  },
  reasons: {
    break: '休息',
    lunch: '午餐',
    training: '培训',
    stale: '连接中断',
    'missed-offers': '未接分配',
  },
  notReadyWith: (reason) => `未就绪：${reason}`,
  goOffline: '退出登录',
  timeInState: (duration) => `已持续 ${duration}`,
  wrapUpEndsIn: (duration) => `话后处理剩余 ${duration}`,
  leaseExpiring: (duration) => `${duration} 后需要连接检查：此工作台可能被设为未就绪。`,
  leaseExpired: '连接中断：您已被设为未就绪。',
  loading: '加载中…',
  loadFailed: '无法加载最新数据。',
  noCenter: '未连接联络中心。',
  queueBoardLabel: '队列',
  colQueue: '队列',
  colWaiting: '排队数',
  colLongestWait: '最长等待',
  colServiceLevel: '服务水平',
  colAgents: '坐席',
  agentsByState: (available, busy, notReady) =>
    `${available} 空闲，${busy} 忙碌，${notReady} 未就绪`,
  showWaiting: (queue) => `查看 ${queue} 中的排队客户`,
  waitingListLabel: (queue, count) => `${queue} 中有 ${count} 位在排队`,
  waitingRow: (position, channel, customer, wait) =>
    `${position}. ${channel}，${customer}，已等待 ${wait}`,
  unknownCustomer: '未知客户',
  noQueues: '没有队列。',
  noneWaiting: '无人排队。',
  notAvailable: '—',
  channel: {
    voice: '电话',
    chat: '在线聊天',
    email: '邮件',
    sms: '短信',
    callback: '回呼',
  },
};
