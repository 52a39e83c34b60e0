/** The pre-chat form's answers (trimmed). */
export interface PrechatValues {
  readonly name: string;
  readonly email: string;
  readonly question: string;
}

/** Why a pre-chat field is refused. */
export type PrechatProblem = 'required' | 'invalid' | 'too-long';

/** Each refused field of the pre-chat form with its problem; empty when the form is valid. */
export type PrechatProblems = Partial<Record<keyof PrechatValues, PrechatProblem>>;

/** Longest name accepted. */
export const MAX_NAME_LENGTH = 100;
/** Longest email address accepted (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;
// One @, no spaces, a dot in the domain: what a person mistypes, not RFC 5322 in full.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * Checks the pre-chat form: a name (1-100 characters), an email address of the usual shape
 * (at most 254 characters) and a question (1 to `maxQuestion` characters), all trimmed.
 *
 * @example
 * ```ts
 * validatePrechat({ name: 'Ada', email: 'ada@', question: 'Hi' }, 2000); // { email: 'invalid' }
 * ```
 */
export function validatePrechat(values: PrechatValues, maxQuestion: number): PrechatProblems {
  const problems: { -readonly [K in keyof PrechatValues]?: PrechatProblem } = {};
  if (!values.name) problems.name = 'required';
  else if (values.name.length > MAX_NAME_LENGTH) problems.name = 'too-long';
  if (!values.email) problems.email = 'required';
  else if (values.email.length > MAX_EMAIL_LENGTH) problems.email = 'too-long';
  else if (!EMAIL.test(values.email)) problems.email = 'invalid';
  if (!values.question) problems.question = 'required';
  else if (values.question.length > maxQuestion) problems.question = 'too-long';
  return problems;
}
