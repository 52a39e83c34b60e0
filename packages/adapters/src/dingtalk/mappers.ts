import type { AgentNotification } from '@switchboard/core/integrations';
import { clipBytes, safeUrl } from '../wecom/mappers.js';
import type { DingTalkRobotMessage, DingTalkWorkNotice } from './wire-types.js';

const LABEL: Readonly<Record<AgentNotification['severity'], string>> = {
  info: '',
  warning: '[Warning] ',
  urgent: '[Urgent] ',
};

/** Title, body, link and reference as plain text (DingTalk interprets nothing in a text message). @internal */
function text(n: AgentNotification, maxBytes: number): string {
  const url = safeUrl(n.url);
  const tail = `${url ? `\n${url}` : ''}\nRef: ${n.id}`;
  return `${clipBytes(`${LABEL[n.severity]}${n.title}\n${n.body}`, maxBytes - new TextEncoder().encode(tail).length)}${tail}`;
}

/**
 * A notification as a work notice. The notification id closes the text: DingTalk drops a second
 * identical message to the same user on the same day, so a retried send arrives once while two
 * notifications with the same words both arrive.
 *
 * @internal
 */
export function workNotice(
  n: AgentNotification,
  userId: string,
  agentId: number,
): DingTalkWorkNotice {
  return {
    agent_id: agentId,
    userid_list: userId,
    msg: { msgtype: 'text', text: { content: text(n, 2048) } },
  };
}

/** A notification as a custom robot text message, @-mentioning `mention` when given. @internal */
export function robotMessage(
  n: AgentNotification,
  mention: string | undefined,
): DingTalkRobotMessage {
  const content = text(n, 2000);
  return {
    msgtype: 'text',
    text: { content: mention ? `${content}\n@${mention}` : content },
    at: { atUserIds: mention ? [mention] : [], isAtAll: false },
  };
}
