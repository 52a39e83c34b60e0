import type { Catalog } from '../../i18n/locale-state.js';

const en = {
  queueBoardLabel: 'Queues',
  colQueue: 'Queue',
  colWaiting: 'Waiting',
  colLongestWait: 'Longest wait',
  colServiceLevel: 'Service level',
  colAgents: 'Agents',
  agentsByState: (available: string, busy: string, notReady: string) =>
    `${available} available, ${busy} busy, ${notReady} not ready`,
  showWaiting: (queue: string) => `Show who waits in ${queue}`,
  waitingListLabel: (queue: string, count: string) => `${count} waiting in ${queue}`,
  waitingRow: (position: string, channel: string, customer: string, wait: string) =>
    `${position}. ${channel}, ${customer}, waiting ${wait}`,
  noQueues: 'No queues.',
  noneWaiting: 'Nobody is waiting.',
};

/** The strings of `sb-queue-board`. */
export type QueueBoardMessages = typeof en;

/** `sb-queue-board`'s strings in every shipped locale. */
export const queueBoardMessages: Catalog<QueueBoardMessages> = {
  en,
  'zh-CN': {
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
    noQueues: '没有队列。',
    noneWaiting: '无人排队。',
  },
};
