import type { Clock, TimerHandle } from '@switchboard/core/shared';

/**
 * Decides when ICE gathering has gathered enough to send the SDP, so call set-up does not wait for
 * gathering to complete (which can take 10-40 s when an interface or STUN server does not answer).
 *
 * - With no STUN/TURN servers, the first candidate is enough (host candidates are all there is).
 * - With servers, the first server-reflexive or relay candidate is enough; otherwise `timeoutMs`
 *   after the first candidate, whatever was gathered is sent.
 *
 * @internal
 */
export class BoundedIceGathering {
  private timer: TimerHandle | undefined;
  private done = false;

  constructor(
    private readonly clock: Clock,
    private readonly hasIceServers: boolean,
    private readonly timeoutMs: number,
  ) {}

  /** Call for each gathered candidate with JsSIP's `ready` callback. */
  candidate(candidate: { type?: string | null; candidate?: string }, ready: () => void): void {
    if (this.done) return;
    const type = candidate.type ?? /typ (\w+)/.exec(candidate.candidate ?? '')?.[1];
    if (!this.hasIceServers || type === 'srflx' || type === 'relay') {
      this.finish(ready);
      return;
    }
    this.timer ??= this.clock.setTimeout(() => this.finish(ready), this.timeoutMs);
  }

  /** Stops waiting (gathering finished by itself, or the session ended). */
  cancel(): void {
    this.done = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private finish(ready: () => void): void {
    this.cancel();
    ready();
  }
}
