import type { Catalog } from '../../i18n/locale-state.js';

// The element's every string, `loading` and `noCenter` included: the shared catalog's other words
// (channels, statuses, priorities) are not shown here and would only add to the bundle.
const en = {
  loading: 'Loading…',
  noCenter: 'No contact center connected.',
  chatWith: (customer: string) => `Chat with ${customer}`,
  noChat: 'No chat selected.',
  transcript: 'Messages',
  noMessages: 'No messages yet.',
  you: 'You',
  customer: 'Customer',
  agent: 'Agent',
  bot: 'Assistant',
  system: 'System',
  composerLabel: 'Message to the customer',
  placeholder: 'Type a message',
  send: 'Send',
  counter: (length: string, max: string) => `${length} / ${max}`,
  composerHint: 'Enter sends, Shift+Enter starts a new line.',
  customerTyping: (customer: string) => `${customer} is typing…`,
  notYetConnected: 'Accept the chat to reply.',
  ended: 'This chat has ended.',
  reconnecting: 'Connection lost. Reconnecting…',
  sendFailed: 'The message could not be sent. Try again.',
  chatMissing: 'This chat could not be found.',
};

/** The strings of `sb-chat`. */
export type ChatMessages = typeof en;

/** `sb-chat`'s strings in every shipped locale. */
export const chatMessages: Catalog<ChatMessages> = {
  en,
  'zh-CN': {
    loading: '加载中…',
    noCenter: '未连接联络中心。',
    chatWith: (customer) => `与 ${customer} 聊天`,
    noChat: '未选择聊天。',
    transcript: '消息',
    noMessages: '暂无消息。',
    you: '我',
    customer: '客户',
    agent: '坐席',
    bot: '智能助手',
    system: '系统',
    composerLabel: '发给客户的消息',
    placeholder: '输入消息',
    send: '发送',
    counter: (length, max) => `${length} / ${max}`,
    composerHint: '按 Enter 发送，Shift+Enter 换行。',
    customerTyping: (customer) => `${customer} 正在输入…`,
    notYetConnected: '接受聊天后即可回复。',
    ended: '此聊天已结束。',
    reconnecting: '连接中断，正在重新连接…',
    sendFailed: '消息发送失败，请重试。',
    chatMissing: '找不到此聊天。',
  },
};
