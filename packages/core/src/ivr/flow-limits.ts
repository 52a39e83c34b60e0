import { EXPRESSION_LIMITS, PATTERN_LIMITS } from '../expr/index.js';

/**
 * Bounds on a flow document, so that validating, compiling and running any flow (however large or
 * hostile) stays fast and within the stack. {@link validateFlow} reports a flow past a limit with an
 * issue naming it, and {@link compileFlow} refuses it.
 *
 * - `maxNodes`: nodes in one flow (100,000); a flow past it is reported and its nodes not checked;
 * - `maxFlows`: flows available to `subflow` nodes (embedded plus the context's), 1,000;
 * - `maxSubflowDepth`: subflow calls nested in one another (32), so a session's call stack is bounded;
 * - `maxExpressionLength`: characters of one expression (the expression language's own limit);
 * - `maxPatternLength`: characters of a collect node's `pattern` (the pattern language's own limit);
 * - `maxValueDepth`: levels of lists and objects in a variable's initial value (16), well within
 *   the 32 levels a session's saved state may hold (variables sit inside the state, and inside
 *   subflow frames);
 * - `maxStepsPerEvent`: nodes a session runs for one event without waiting (1,000). Validation
 *   refuses loops that never wait; a longer chain of non-waiting nodes validates, but a session
 *   that runs into this limit hangs up with outcome `error` (not through `onError`, which could
 *   run into it again).
 *
 * Every walk of the validator and the compiler is iterative (no recursion over nodes or flows), and
 * subflows are analysed once each, so validation time grows linearly with the size of the document.
 */
export const FLOW_LIMITS = {
  maxNodes: 100_000,
  maxFlows: 1_000,
  maxSubflowDepth: 32,
  maxExpressionLength: EXPRESSION_LIMITS.maxSourceLength,
  maxPatternLength: PATTERN_LIMITS.maxLength,
  maxValueDepth: 16,
  maxStepsPerEvent: 1_000,
} as const;
