import type { Clock, TimerHandle } from '../shared/index.js';
import type { Due } from './sla-clocks.js';
import type { RuleRunner } from './rule-runner.js';
import type { SlaMetric } from './sla-policy.js';
import type { TicketState } from './ticket-state.js';
import type { TicketWriter } from './ticket-writer.js';

/**
 * Fires what the SLA clocks scheduled: warnings, breaches and the auto-close of solved tickets, in
 * time order, each as an event (followed by the rules for its trigger). One timer on the injected
 * {@link Clock} is armed for the earliest live entry of the heap; entries made stale by a later
 * change are dropped as they reach the top. Due entries are also fired at the start of each
 * command, so a breach at instant T is recorded before a command at T even when a real timer
 * runs late.
 *
 * @internal
 */
export class SlaScheduler {
  private timer: TimerHandle | undefined;
  private timerAt: number | undefined;
  private stopped = false;

  constructor(
    private readonly state: TicketState,
    private readonly writer: TicketWriter,
    private readonly rules: RuleRunner,
    private readonly clock: Clock,
    /** Called after the timer fired what was due. */
    private readonly onTimer: () => void,
  ) {}

  /** The earliest scheduled instant that still stands. */
  peekLiveDue(): Due | undefined {
    const sla = this.state.sla;
    for (;;) {
      const top = sla.dues.peek();
      if (!top || sla.isLive(top)) return top;
      sla.dues.pop();
    }
  }

  /** Fires every warning, breach and auto-close due by now, in time order. */
  processDue(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    for (;;) {
      const due = this.peekLiveDue();
      if (!due || due.at > now) return;
      this.state.sla.dues.pop();
      this.fire(due, now);
    }
  }

  /** Keeps one clock timer armed for the earliest live due instant. */
  arm(): void {
    if (this.stopped) return;
    const next = this.peekLiveDue();
    if (next && this.timer !== undefined && this.timerAt === next.at) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = undefined;
    if (!next) return;
    this.timerAt = next.at;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = undefined;
      if (this.stopped) return;
      this.processDue();
      this.arm();
      this.onTimer();
    }, next.at - this.clock.now());
  }

  /** Clears the timer; nothing fires afterwards. Idempotent. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = undefined;
  }

  private fire(due: Due, now: number): void {
    const rec = this.state.get(due.ticketId);
    if (due.kind === 'close') {
      this.writer.emit({
        type: 'ticket-status-changed',
        at: now,
        ticketId: rec.id,
        actor: { kind: 'system' },
        from: 'solved',
        to: 'closed',
      });
      this.rules.run('updated', rec);
      return;
    }
    const metric = due.metric as SlaMetric;
    const clock = rec.sla?.clocks.get(metric);
    if (!clock) return;
    if (due.kind === 'warning') {
      this.writer.emit({
        type: 'ticket-sla-warning',
        at: now,
        ticketId: rec.id,
        metric,
        cycle: clock.cycle,
        dueAt: clock.dueAt ?? due.at,
      });
      this.rules.run('sla-warning', rec, metric);
    } else {
      this.writer.emit({
        type: 'ticket-sla-breached',
        at: now,
        ticketId: rec.id,
        metric,
        cycle: clock.cycle,
        dueAt: due.at,
      });
      this.rules.run('sla-breached', rec, metric);
    }
  }
}
