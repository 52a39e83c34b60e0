import { SwitchboardError } from './switchboard-error.js';

/** One problem found in an input, located by a path into it. */
export interface ValidationIssue {
  /** JSON-path-like location, e.g. `$.skills.billing` or `$.nodes[3].exits.ok`. */
  readonly path: string;
  /** What is wrong and what is allowed, in plain words. */
  readonly message: string;
}

/**
 * Input was rejected. `issues` lists every problem at once, so a caller can fix them all in one go.
 */
export class ValidationError extends SwitchboardError<'VALIDATION_FAILED'> {
  override name = 'ValidationError';
  /** Every problem found, each with its path. */
  declare readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[]) {
    super(
      'VALIDATION_FAILED',
      `invalid ${subject}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
    this.issues = issues;
  }
}
