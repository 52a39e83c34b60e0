// What <sb-softphone> asks of its phone, where a command may run in this tab (nothing to wait
// for) or in the tab that owns a `TabPhone` (a promise).
import type { PhoneControl } from '@switchboard/webrtc';

/** A command's outcome: nothing, or a promise when another tab runs it. @internal */
export type Outcome = void | Promise<unknown> | undefined;

/** One outcome for several: a promise of them all when any is a promise. @internal */
export function together(...outcomes: Outcome[]): void | Promise<void> {
  const pending = outcomes.filter((o): o is Promise<unknown> => o instanceof Promise);
  return pending.length > 0 ? Promise.all(pending).then(() => undefined) : undefined;
}

/** The part of a `TabPhone` the element uses when the phone lives in another tab. @internal */
export interface SharedPhone {
  useThisTab(): Promise<void>;
}

/** Holds every connected call but `except` (one line talks at a time). @internal */
export function holdOthers(phone: PhoneControl, except: string | undefined): void | Promise<void> {
  return together(
    ...phone
      .getCalls()
      .filter((call) => call.id !== except && call.getSnapshot().status === 'connected')
      .map((call) => call.hold()),
  );
}
