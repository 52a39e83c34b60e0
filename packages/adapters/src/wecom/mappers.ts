import type { AgentNotification } from '@switchboard/core/integrations';
import type { WeComAppMessage, WeComRobotMessage } from './wire-types.js';

const encoder = new TextEncoder();
const LABEL: Readonly<Record<AgentNotification['severity'], string>> = {
  info: '',
  warning: '[Warning] ',
  urgent: '[Urgent] ',
};

/** `text` cut to at most `maxBytes` UTF-8 bytes, on a character boundary, `…` marking a cut. @internal */
export function clipBytes(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (bytes + size > maxBytes - 3) break;
    out += ch;
    bytes += size;
  }
  return `${out}…`;
}

/** The link of a notification, only when it is http(s). @internal */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined || url.length > 2048) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );

/**
 * A notification as a WeCom application message: a text card when it has a link (the card's
 * description is rendered with a few HTML tags by WeCom, so the text is escaped), plain text
 * otherwise. Lengths are cut to WeCom's limits (title 128 bytes, description 512, text 2048).
 *
 * @internal
 */
export function appMessage(
  n: AgentNotification,
  touser: string,
  agentid: number,
  duplicateCheckSeconds: number,
): WeComAppMessage {
  const base = {
    touser,
    agentid,
    enable_duplicate_check: duplicateCheckSeconds > 0 ? (1 as const) : (0 as const),
    duplicate_check_interval: duplicateCheckSeconds > 0 ? duplicateCheckSeconds : 1800,
  };
  const url = safeUrl(n.url);
  if (url)
    return {
      ...base,
      msgtype: 'textcard',
      textcard: {
        title: clipBytes(`${LABEL[n.severity]}${n.title}`, 128),
        description: escapeHtml(clipBytes(n.body, 400)),
        url,
        btntxt: 'Open',
      },
    };
  return {
    ...base,
    msgtype: 'text',
    text: { content: clipBytes(`${LABEL[n.severity]}${n.title}\n${n.body}`, 2048) },
  };
}

/** A notification as a group robot text message (no markup: nothing in it is interpreted). @internal */
export function robotMessage(n: AgentNotification, mention: string | undefined): WeComRobotMessage {
  const url = safeUrl(n.url);
  return {
    msgtype: 'text',
    text: {
      content: clipBytes(`${LABEL[n.severity]}${n.title}\n${n.body}${url ? `\n${url}` : ''}`, 2048),
      ...(mention ? { mentioned_list: [mention] } : {}),
    },
  };
}
