import type { Catalog } from '../../i18n/locale-state.js';

const en = {
  ticketListLabel: 'Tickets',
  colSubject: 'Subject',
  colStatus: 'Status',
  colPriority: 'Priority',
  colRequester: 'Requester',
  colDue: 'SLA',
  filterStatus: 'Show',
  allOpen: 'All unsolved',
  allTickets: 'All',
  dueIn: (duration: string) => `Due in ${duration}`,
  overdueBy: (duration: string) => `Overdue by ${duration}`,
  slaBreached: 'Breached',
  slaPaused: 'Paused',
  noTickets: 'No tickets.',
  ticketCount: (shown: string, total: string) => `${shown} of ${total}`,
};

/** The strings of `sb-ticket-list`. */
export type TicketListMessages = typeof en;

/** `sb-ticket-list`'s strings in every shipped locale. */
export const ticketListMessages: Catalog<TicketListMessages> = {
  en,
  'zh-CN': {
    ticketListLabel: '工单',
    colSubject: '主题',
    colStatus: '状态',
    colPriority: '优先级',
    colRequester: '请求人',
    colDue: 'SLA',
    filterStatus: '显示',
    allOpen: '所有未解决',
    allTickets: '全部',
    dueIn: (duration) => `${duration} 后到期`,
    overdueBy: (duration) => `已超时 ${duration}`,
    slaBreached: '已违约',
    slaPaused: '已暂停',
    noTickets: '没有工单。',
    ticketCount: (shown, total) => `${shown} / ${total}`,
  },
};
