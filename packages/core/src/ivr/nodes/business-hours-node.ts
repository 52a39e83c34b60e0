import type { BusinessCalendar } from '../../calendar/index.js';
import { baseOf } from './compile-helpers.js';
import type { CompiledNodeBase, NodeKindSpec } from './node-kind-spec.js';

/** @internal A compiled `business-hours` node. */
export interface CompiledBusinessHoursNode extends CompiledNodeBase<'business-hours'> {
  readonly calendar: BusinessCalendar;
}

/** A calendar of the flow's `calendars` (validation made sure it is there). */
function named(
  calendars: { readonly [name: string]: BusinessCalendar } | undefined,
  name: string,
): BusinessCalendar {
  const calendar = calendars && Object.hasOwn(calendars, name) ? calendars[name] : undefined;
  if (!calendar) throw new Error(`calendar '${name}' is not in the validated flow`);
  return calendar;
}

/** @internal Routes on a business calendar at the current time. */
export const businessHoursNode: NodeKindSpec<'business-hours', CompiledBusinessHoursNode> = {
  kind: 'business-hours',
  fields: ['calendar', 'exits'],
  exits: { required: ['open', 'closed'], optional: ['holiday'] },
  waits: false,
  ends: false,
  validate: (n, at, check) => check.calendar(n.calendar, `${at}.calendar`),
  compile: (n, { flow }) => ({
    ...baseOf(n),
    calendar: typeof n.calendar === 'string' ? named(flow.calendars, n.calendar) : n.calendar,
  }),
};
