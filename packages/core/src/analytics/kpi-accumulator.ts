import type { KpiValues } from './kpi-types.js';

/**
 * Running sums for one group of KPIs; {@link KpiAccumulator.values} turns them into
 * {@link KpiValues}.
 *
 * @internal
 */
export class KpiAccumulator {
  offered = 0;
  answered = 0;
  abandoned = 0;
  shortAbandoned = 0;
  abandonedWithinTarget = 0;
  transferredOut = 0;
  answeredWithinTarget = 0;
  waitSumMs = 0;
  waitMaxMs = 0;
  handled = 0;
  talkMs = 0;
  holdMs = 0;
  wrapMs = 0;
  waiting = 0;
  longestWaitMs = -1;
  handlingMs = 0;
  availableMs = 0;
  loggedInMs = 0;
  fcrEvaluated = 0;
  fcrResolved = 0;
  surveys = 0;
  satisfied = 0;
  scoreSum = 0;
  ivrSessions = 0;
  ivrClosed = 0;
  ivrContained = 0;

  values(): KpiValues {
    const counted = this.offered - this.shortAbandoned;
    const slBase = this.answered + this.abandoned - this.abandonedWithinTarget;
    const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
    const seconds = (ms: number, n: number): number | null => (n > 0 ? ms / n / 1000 : null);
    return {
      offered: this.offered,
      answered: this.answered,
      abandoned: this.abandoned,
      shortAbandoned: this.shortAbandoned,
      transferredOut: this.transferredOut,
      answeredWithinTarget: this.answeredWithinTarget,
      answerRate: ratio(this.answered, counted),
      abandonRate: ratio(this.abandoned, counted),
      serviceLevel: ratio(this.answeredWithinTarget, slBase),
      asaSeconds: seconds(this.waitSumMs, this.answered),
      maxAnswerWaitSeconds: this.answered > 0 ? this.waitMaxMs / 1000 : null,
      handled: this.handled,
      ahtSeconds: seconds(this.talkMs + this.holdMs + this.wrapMs, this.handled),
      talkSeconds: seconds(this.talkMs, this.handled),
      holdSeconds: seconds(this.holdMs, this.handled),
      wrapUpSeconds: seconds(this.wrapMs, this.handled),
      waiting: this.waiting,
      longestWaitSeconds: this.longestWaitMs >= 0 ? this.longestWaitMs / 1000 : null,
      occupancy: ratio(this.handlingMs, this.availableMs + this.handlingMs),
      utilisation: ratio(this.handlingMs, this.loggedInMs),
      fcrEvaluated: this.fcrEvaluated,
      fcrRate: ratio(this.fcrResolved, this.fcrEvaluated),
      surveys: this.surveys,
      csat: ratio(this.satisfied, this.surveys),
      csatMean: ratio(this.scoreSum, this.surveys),
      ivrSessions: this.ivrSessions,
      ivrContained: this.ivrContained,
      ivrContainment: ratio(this.ivrContained, this.ivrClosed),
    };
  }
}
