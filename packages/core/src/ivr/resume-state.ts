import type { CompiledFlow } from './compile-flow.js';
import { isRecord } from './flow-paths.js';
import { IvrSessionError } from './ivr-session-error.js';
import type { IvrSessionState } from './ivr-session-state.js';
import { jsonClone } from './json-clone.js';

const STATUSES = new Set(['new', 'waiting', 'ended']);

/**
 * @internal A copy of a saved session state, checked against the flow it is resumed on.
 * @throws {@link IvrSessionError} when the state does not fit the flow.
 */
export function checkedState(flow: CompiledFlow, state: unknown): IvrSessionState {
  if (!isRecord(state) || state.format !== 1)
    throw new IvrSessionError('not an IVR session state (format 1)');
  if (state.flowId !== flow.id || state.flowVersion !== flow.version) {
    throw new IvrSessionError(
      `state belongs to flow '${String(state.flowId)}' v${String(state.flowVersion)}, not '${flow.id}' v${flow.version}`,
    );
  }
  const copy = jsonClone(state) as unknown as IvrSessionState;
  const current =
    typeof copy.currentFlowId === 'string' ? flow.flowById(copy.currentFlowId) : undefined;
  if (!current) throw new IvrSessionError(`unknown current flow '${String(copy.currentFlowId)}'`);
  if (typeof copy.nodeId !== 'string' || !current.nodes.has(copy.nodeId)) {
    throw new IvrSessionError(`flow '${current.id}' has no node '${String(copy.nodeId)}'`);
  }
  if (!STATUSES.has(copy.status))
    throw new IvrSessionError(`unknown status '${String(copy.status)}'`);
  if (typeof copy.language !== 'string' || !current.languages.includes(copy.language)) {
    throw new IvrSessionError(`unknown language '${String(copy.language)}'`);
  }
  if (!isRecord(copy.variables) || !isRecord(copy.attributes) || !Array.isArray(copy.stack)) {
    throw new IvrSessionError('variables, attributes and stack must be present');
  }
  for (const frame of copy.stack) {
    const f =
      isRecord(frame) && typeof frame.flowId === 'string' ? flow.flowById(frame.flowId) : undefined;
    if (
      !f ||
      typeof frame.nodeId !== 'string' ||
      f.nodes.get(frame.nodeId)?.kind !== 'subflow' ||
      !isRecord(frame.variables)
    ) {
      throw new IvrSessionError('a stack frame does not match the flow');
    }
  }
  if (![copy.phase, copy.retries, copy.seq].every((n) => Number.isInteger(n) && n >= 0)) {
    throw new IvrSessionError('phase, retries and seq must be non-negative integers');
  }
  return copy;
}
