/** What an inbound text asks for when it is a compliance keyword. */
export const SmsKeyword = {
  OptOut: 'opt-out',
  OptIn: 'opt-in',
  Help: 'help',
} as const;

/** One of {@link SmsKeyword}'s values. */
export type SmsKeyword = (typeof SmsKeyword)[keyof typeof SmsKeyword];

// The carrier-industry keyword lists (CTIA): a message that is exactly one of these words.
const KEYWORDS: ReadonlyMap<string, SmsKeyword> = new Map([
  ...['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE'].map(
    (w) => [w, SmsKeyword.OptOut] as const,
  ),
  ...['START', 'YES', 'UNSTOP', 'OPTIN'].map((w) => [w, SmsKeyword.OptIn] as const),
  ...['HELP', 'INFO'].map((w) => [w, SmsKeyword.Help] as const),
]);

/**
 * Classifies an inbound text as a compliance keyword: the whole message, trimmed, in any case,
 * with trailing punctuation ignored (`"Stop."` opts out; `"please stop calling"` does not).
 *
 * @example
 * ```ts
 * smsKeywordOf(' stop '); // 'opt-out'
 * smsKeywordOf('Where is my order?'); // undefined
 * ```
 */
export function smsKeywordOf(text: string): SmsKeyword | undefined {
  if (text.length > 32) return undefined;
  const word = text
    .trim()
    .replace(/[.!?]+$/, '')
    .toUpperCase();
  return KEYWORDS.get(word);
}
