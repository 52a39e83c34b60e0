import { ValidationError } from '../shared/index.js';
import type { ValidationIssue } from '../shared/index.js';

/**
 * A flow failed validation, so it was not compiled and cannot start. `issues` lists every problem,
 * each with its JSON path (code `VALIDATION_FAILED`, like every {@link ValidationError}).
 *
 * @example
 * ```ts
 * try {
 *   compileFlow(json);
 * } catch (err) {
 *   if (err instanceof FlowValidationError) for (const i of err.issues) console.error(i.path, i.message);
 * }
 * ```
 */
export class FlowValidationError extends ValidationError {
  override name = 'FlowValidationError';
  /** The flow's id, when it had a readable one. */
  readonly flowId: string | undefined;

  constructor(flowId: string | undefined, issues: readonly ValidationIssue[]) {
    super(flowId === undefined ? 'IVR flow' : `IVR flow '${flowId}'`, issues);
    this.flowId = flowId;
  }
}
