import { KpiTracker } from '../analytics/index.js';
import { zonedDateTime, zonedTimeToEpoch } from '../calendar/index.js';
import type { Channel } from '../interactions/index.js';
import { compileFlow, type CompiledFlow, type EnqueueCommand } from '../ivr/index.js';
import { RoutingEngine, type QueueConfig, type RoutingEvent } from '../routing/index.js';
import {
  MemoryStore,
  NotFoundError,
  ValidationError,
  VirtualClock,
  seededRandom,
  sequentialIds,
  type RandomSource,
  type Store,
  type TimerHandle,
} from '../shared/index.js';
import { CountingStore } from './counting-store.js';
import { deriveSeed, sampler } from './distributions.js';
import { IvrCaller, flatAttributes, flowNodes } from './ivr-caller.js';
import { IvrStats } from './ivr-stats.js';
import type { ArrivalStream, Scenario, ScenarioVariant } from './scenario.js';
import { TicketFollowUp } from './ticket-follow-up.js';
import type { SimulationReport } from './simulation-report.js';
import { parseScenario, MAX_SCENARIO_AGENTS } from './validate-scenario.js';
import {
  assertWithinLimits,
  estimateSimulation,
  groupSize,
  type SimulationLimits,
} from './estimate.js';

/** Options of {@link runSimulation}. */
export interface SimulationOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** A variant to apply: one of the scenario's `variants` by name, or a description. */
  readonly variant?: string | ScenarioVariant;
  /** Called with the share of simulated time done (0-1), about 200 times per run. */
  readonly onProgress?: (fraction: number) => void;
  /** Keep the full routing journal (costs memory on long runs). Default false. */
  readonly keepJournal?: boolean;
  /**
   * Memory and work the run may take. The run is estimated first ({@link estimateSimulation}) and
   * refused, before anything is allocated, when the estimate exceeds a limit.
   */
  readonly limits?: SimulationLimits;
}

/** The outcome of {@link runSimulation}. */
export interface SimulationResult {
  /** The KPI report (deterministic for a scenario and seed). */
  readonly report: SimulationReport;
  /** The KPI tracker that followed the run; query it for other intervals or groupings. */
  readonly tracker: KpiTracker;
  /** The routing engine the run drove (disposed). */
  readonly engine: RoutingEngine;
  /** The routing journal, when `keepJournal` was set. */
  readonly journal: Store<RoutingEvent> | undefined;
}

const DEFAULT_START = '2026-01-05T00:00:00Z';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/**
 * Wrap-up time after which the router ends wrap-up by itself. The simulator ends shorter wrap-ups
 * at their sampled time; longer ones are capped here (kept short so cancelled timers leave the
 * clock's heap soon).
 */
const WRAP_UP_CEILING_MS = 2 * HOUR_MS;

const WAITING = 0;
const RINGING = 1;
const TALKING = 2;
const WRAPPING = 3;
const DONE = 4;
const IN_IVR = 5;

interface Contact {
  readonly id: string;
  readonly channel: Channel;
  readonly customer: string | undefined;
  readonly talkMs: number;
  readonly wrapMs: number;
  readonly holdAtMs: number;
  readonly holdMs: number;
  readonly survey: number;
  /** Whether the simulator ends wrap-up (decided on entering a queue for IVR contacts). */
  explicitWrap: boolean;
  state: number;
  offers: number;
  patience: TimerHandle | undefined;
  /** Patience, started when an IVR contact reaches a queue. */
  readonly patienceMs: number;
}

interface AgentState {
  chosen: 'offline' | 'available' | 'not-ready';
  presence: string;
  onShift: boolean;
  onBreak: boolean;
  pendingLogout: boolean;
}

interface Segment {
  readonly start: number;
  readonly end: number;
  /** Arrivals per ms. */
  readonly rate: number;
}

function resolveVariant(
  scenario: Scenario,
  variant: string | ScenarioVariant | undefined,
): ScenarioVariant | undefined {
  if (variant === undefined || typeof variant === 'object') return variant;
  const found = scenario.variants?.find((v) => v.name === variant);
  if (!found)
    throw new NotFoundError(
      'variant',
      variant,
      (scenario.variants ?? []).map((v) => v.name),
    );
  return found;
}

/** Local-day slot boundaries of a profile over [t0, t1), as rate segments. */
function rateSegments(stream: ArrivalStream, timeZone: string, t0: number, t1: number): Segment[] {
  const perMs = stream.callsPerHour / HOUR_MS;
  const profile = stream.profile;
  if (!profile || profile.length === 0) return [{ start: t0, end: t1, rate: perMs }];
  const slotMinutes = 1440 / profile.length;
  const starts: { at: number; rate: number }[] = [];
  let day = zonedDateTime(timeZone, t0 - DAY_MS).date;
  for (let guard = 0; guard < 400; guard++) {
    for (let k = 0; k < profile.length; k++) {
      const minutes = k * slotMinutes;
      const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      starts.push({
        at: zonedTimeToEpoch(timeZone, day, hhmm),
        rate: (profile[k] as number) * perMs,
      });
    }
    const dayStart = zonedTimeToEpoch(timeZone, day, '00:00');
    if (dayStart > t1) break;
    day = zonedDateTime(timeZone, dayStart + 36 * HOUR_MS).date;
  }
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const s = starts[i] as { at: number; rate: number };
    const start = Math.max(s.at, t0);
    const end = Math.min((starts[i + 1] as { at: number }).at, t1);
    if (end > start) segments.push({ start, end, rate: s.rate });
  }
  return segments;
}

/** Absolute [start, end) instants of a daily `HH:MM` window over the run (crossing midnight allowed). */
function dailyWindows(
  timeZone: string,
  start: string,
  endOrMinutes: string | number,
  t0: number,
  t1: number,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let day = zonedDateTime(timeZone, t0 - DAY_MS).date;
  for (let guard = 0; guard < 400; guard++) {
    const s = zonedTimeToEpoch(timeZone, day, start);
    let e: number;
    if (typeof endOrMinutes === 'number') e = s + endOrMinutes * 60_000;
    else {
      e = zonedTimeToEpoch(timeZone, day, endOrMinutes);
      if (e <= s) {
        const next = zonedDateTime(
          timeZone,
          zonedTimeToEpoch(timeZone, day, '00:00') + 36 * HOUR_MS,
        ).date;
        e = zonedTimeToEpoch(timeZone, next, endOrMinutes);
      }
    }
    if (s >= t1) break;
    if (e > t0) out.push({ start: Math.max(s, t0), end: e });
    day = zonedDateTime(timeZone, zonedTimeToEpoch(timeZone, day, '00:00') + 36 * HOUR_MS).date;
  }
  return out;
}

/**
 * Runs a contact-center scenario on the real {@link RoutingEngine} in virtual time: Poisson
 * arrivals with time-of-day profiles, sampled handle, hold and wrap-up times, customer patience,
 * agents with skills, shifts and breaks. KPIs come from a {@link KpiTracker} following the
 * engine's events. Arrivals and every per-contact draw come from random streams derived from the
 * seed and independent of routing, so variants compared on the same seed see the same customers.
 *
 * Before anything runs, the run's memory and work are estimated ({@link estimateSimulation}) and
 * checked against `options.limits` (by default 1 GiB and 20,000,000 contacts): a scenario that
 * would not fit is refused at once, naming the limit, instead of running out of memory.
 *
 * @throws {@link shared!ValidationError} when the scenario is invalid (every problem, with its path)
 * or would exceed a limit (the message names the limit).
 * @example
 * ```ts
 * const { report } = runSimulation(parseScenario(JSON.parse(text)), { seed: 7 });
 * report.total.serviceLevel; // e.g. 0.81
 * report.queues['retail']?.abandonRate;
 * ```
 */
export function runSimulation(
  scenario: Scenario,
  options: SimulationOptions = {},
): SimulationResult {
  parseScenario(scenario);
  const variant = resolveVariant(scenario, options.variant);
  assertWithinLimits(
    estimateSimulation(scenario, {
      ...(variant ? { variant } : {}),
      keepJournal: options.keepJournal === true,
    }),
    options.limits ?? {},
    MAX_SCENARIO_AGENTS,
  );
  const seed = options.seed ?? scenario.seed ?? 1;
  const timeZone = scenario.timezone ?? 'UTC';
  const t0 = Date.parse(scenario.start ?? DEFAULT_START);
  const t1 = t0 + scenario.durationHours * HOUR_MS;
  const reportFrom = t0 + (scenario.warmUpMinutes ?? 0) * 60_000;
  const drainEnd = t1 + (scenario.drainMinutes ?? 240) * 60_000;

  const clock = new VirtualClock(t0);
  const journal = options.keepJournal ? new MemoryStore<RoutingEvent>() : undefined;
  const store = journal ?? new CountingStore<RoutingEvent>();
  // The simulator reads the event stream, not interaction timelines: skip them and keep few
  // finished interactions, so a day of a large center stays light on memory.
  const engine = new RoutingEngine({
    clock,
    store,
    ids: sequentialIds(),
    timeline: false,
    retainFinished: 1_000,
  });
  const tracker = new KpiTracker({ clock, timezone: timeZone, ...(scenario.kpi ?? {}) });
  tracker.connect(engine);

  // IVR flows, compiled once per stream against the scenario's queues and hooks.
  const queueIds = scenario.queues.map((q) => q.id);
  const flows = scenario.arrivals.map((a, s): CompiledFlow | undefined => {
    if (!a.ivr) return undefined;
    if (typeof a.ivr.flow === 'string')
      throw new ValidationError('scenario', [
        {
          path: `$.arrivals[${s}].ivr.flow`,
          message: `is the path '${a.ivr.flow}': load it first with resolveScenarioFlows (the CLI does)`,
        },
      ]);
    return compileFlow(a.ivr.flow, { queues: queueIds, hooks: Object.keys(a.ivr.hooks ?? {}) });
  });
  const ivrStats = flows.some((f) => f !== undefined) ? new IvrStats() : undefined;
  const tickets = scenario.tickets
    ? new TicketFollowUp(
        scenario.tickets,
        clock,
        seededRandom(deriveSeed(seed, 'tickets')),
        reportFrom,
      )
    : undefined;

  // Queues: the simulator ends wrap-up itself where a stream samples it (for IVR streams, in
  // every queue their flow can enqueue to).
  const explicitWrap = new Set<string>();
  scenario.arrivals.forEach((a, s) => {
    if (!a.wrapUp) return;
    if (a.queue !== undefined) explicitWrap.add(a.queue);
    const flow = flows[s];
    if (flow)
      for (const n of flowNodes(flow.definition).values())
        if (n.kind === 'enqueue') explicitWrap.add(n.queue);
  });
  for (const q of scenario.queues) {
    const config: QueueConfig = {
      ...q,
      ...(variant?.strategy !== undefined ? { strategy: variant.strategy } : {}),
      wrapUpMs: explicitWrap.has(q.id) ? WRAP_UP_CEILING_MS : 0,
    };
    engine.addQueue(config);
  }

  // Agents.
  const agentStates = new Map<string, AgentState>();
  let agentCount = 0;
  const answerDelay = scenario.answerDelay
    ? sampler(scenario.answerDelay, seededRandom(deriveSeed(seed, 'answer')))
    : () => 0;
  scenario.agents.forEach((group, g) => {
    const prefix = group.idPrefix ?? `agent-g${g}`;
    const count = groupSize(group.count, variant);
    agentCount += count;
    const shifts = group.shifts?.length
      ? group.shifts.flatMap((s) => dailyWindows(timeZone, s.start, s.end, t0, t1))
      : [{ start: t0, end: Infinity }];
    const breaks = (group.breaks ?? []).flatMap((b) =>
      dailyWindows(timeZone, b.start, b.minutes, t0, t1).map((w) => ({
        ...w,
        reason: b.reason ?? 'break',
      })),
    );
    for (let k = 1; k <= count; k++) {
      const id = `${prefix}-${k}`;
      engine.addAgent({
        id,
        skills: group.skills,
        ...(group.languages ? { languages: group.languages } : {}),
        ...(group.capacity ? { capacity: group.capacity } : {}),
        ...(group.team !== undefined ? { team: group.team } : {}),
      });
      agentStates.set(id, {
        chosen: 'offline',
        presence: 'offline',
        onShift: false,
        onBreak: false,
        pendingLogout: false,
      });
      for (const w of shifts) {
        clock.setTimeout(() => startShift(id), w.start - t0);
        if (w.end < t1) clock.setTimeout(() => endShift(id), w.end - t0);
      }
      for (const b of breaks) {
        clock.setTimeout(() => startBreak(id, b.reason), b.start - t0);
        if (b.end < t1) clock.setTimeout(() => endBreak(id), b.end - t0);
      }
    }
  });

  const isIdle = (a: AgentState): boolean =>
    a.presence === 'available' || a.presence === 'not-ready';

  function startShift(id: string): void {
    const a = agentStates.get(id) as AgentState;
    a.onShift = true;
    a.pendingLogout = false;
    if (a.chosen === 'offline') engine.login(id);
    else if (a.chosen === 'not-ready' && !a.onBreak) engine.setAvailable(id);
  }
  function endShift(id: string): void {
    const a = agentStates.get(id) as AgentState;
    a.onShift = false;
    if (a.chosen === 'offline') return;
    if (isIdle(a)) engine.logout(id);
    else {
      a.pendingLogout = true;
      if (a.chosen !== 'not-ready') engine.setNotReady(id, 'end-of-shift');
    }
  }
  function startBreak(id: string, reason: string): void {
    const a = agentStates.get(id) as AgentState;
    if (!a.onShift || a.chosen === 'offline' || a.pendingLogout) return;
    a.onBreak = true;
    engine.setNotReady(id, reason);
  }
  function endBreak(id: string): void {
    const a = agentStates.get(id) as AgentState;
    if (!a.onBreak) return;
    a.onBreak = false;
    if (a.onShift && !a.pendingLogout && a.chosen === 'not-ready') engine.setAvailable(id);
  }
  function maybeLogout(id: string): void {
    const a = agentStates.get(id) as AgentState;
    if (a.pendingLogout && a.chosen !== 'offline' && isIdle(a)) {
      a.pendingLogout = false;
      engine.logout(id);
    }
  }

  // Contacts.
  const contacts = new Map<string, Contact>();
  let arrivals = 0;
  const accept = (c: Contact, offer: number): void => {
    if (c.state === RINGING && c.offers === offer) engine.acceptOffer(c.id);
  };
  const hold = (c: Contact): void => {
    if (c.state !== TALKING) return;
    engine.hold(c.id);
    clock.setTimeout(() => {
      engine.resume(c.id);
      clock.setTimeout(() => engine.endInteraction(c.id), c.talkMs - c.holdAtMs);
    }, c.holdMs);
  };

  engine.onEvent((event) => {
    switch (event.type) {
      case 'interaction-offered': {
        const c = contacts.get(event.interactionId);
        if (!c) return;
        c.state = RINGING;
        const offer = ++c.offers;
        clock.setTimeout(() => accept(c, offer), answerDelay());
        return;
      }
      case 'offer-rejected':
      case 'offer-timed-out':
      case 'offer-rescinded': {
        const c = contacts.get(event.interactionId);
        if (c) c.state = WAITING;
        return;
      }
      case 'interaction-connected': {
        const c = contacts.get(event.interactionId);
        if (!c) return;
        c.state = TALKING;
        if (c.patience !== undefined) clock.clearTimeout(c.patience);
        if (c.holdMs > 0) clock.setTimeout(() => hold(c), c.holdAtMs);
        else clock.setTimeout(() => engine.endInteraction(c.id), c.talkMs);
        return;
      }
      case 'interaction-wrap-up-started': {
        const c = contacts.get(event.interactionId);
        if (!c) return;
        c.state = WRAPPING;
        if (c.explicitWrap && c.wrapMs < WRAP_UP_CEILING_MS)
          clock.setTimeout(() => {
            if (c.state === WRAPPING) engine.completeWrapUp(c.id);
          }, c.wrapMs);
        return;
      }
      case 'interaction-completed': {
        const c = contacts.get(event.interactionId);
        if (!c) return;
        c.state = DONE;
        contacts.delete(c.id);
        if (tickets) tickets.completed(c.id, c.channel, c.customer);
        if (c.survey > 0)
          tracker.record({
            type: 'survey-answered',
            at: event.at,
            interactionId: c.id,
            score: c.survey,
          });
        return;
      }
      case 'interaction-abandoned':
      case 'interaction-transferred': {
        const c = contacts.get(event.interactionId);
        if (!c) return;
        c.state = DONE;
        if (c.patience !== undefined) clock.clearTimeout(c.patience);
        contacts.delete(c.id);
        return;
      }
      case 'agent-logged-in':
      case 'agent-available': {
        const a = agentStates.get(event.agentId);
        if (a) a.chosen = 'available';
        return;
      }
      case 'agent-not-ready': {
        const a = agentStates.get(event.agentId);
        if (a) a.chosen = 'not-ready';
        return;
      }
      case 'agent-logged-out': {
        const a = agentStates.get(event.agentId);
        if (a) a.chosen = 'offline';
        return;
      }
      case 'agent-state-changed': {
        const a = agentStates.get(event.agentId);
        if (!a) return;
        a.presence = event.presence;
        if (a.pendingLogout && isIdle(a)) clock.setTimeout(() => maybeLogout(event.agentId), 0);
        return;
      }
      default:
        return;
    }
  });

  const handOff = (id: string, command: EnqueueCommand): void => {
    const c = contacts.get(id) as Contact;
    c.state = WAITING;
    c.explicitWrap = explicitWrap.has(command.queueId);
    if (Number.isFinite(c.patienceMs)) {
      c.patience = clock.setTimeout(() => {
        if (c.state === WAITING || c.state === RINGING) engine.abandon(id);
      }, c.patienceMs);
    }
    engine.enqueue({
      interactionId: id,
      queueId: command.queueId,
      priority: command.priority,
      attributes: flatAttributes(command.attributes),
    });
  };

  scenario.arrivals.forEach((stream, s) => {
    const flow = flows[s];
    const ivr =
      flow && stream.ivr
        ? new IvrCaller(
            flow,
            stream.ivr,
            seededRandom(deriveSeed(seed, `ivr:${s}`)),
            { clock, engine, enqueue: handOff },
            ivrStats as IvrStats,
          )
        : undefined;
    const label = stream.queue ?? flow?.id ?? `stream${s}`;
    const arrivalRandom = seededRandom(deriveSeed(seed, `arrivals:${s}`));
    const contactRandom = seededRandom(deriveSeed(seed, `contacts:${s}`));
    const talk = sampler(stream.handleTime, contactRandom);
    const wrap = stream.wrapUp ? sampler(stream.wrapUp, contactRandom) : () => 0;
    const patience = stream.patience ? sampler(stream.patience, contactRandom) : undefined;
    const holdLength = stream.hold ? sampler(stream.hold.duration, contactRandom) : undefined;
    const holdProbability = stream.hold?.probability ?? 0;
    const channel: Channel = stream.channel ?? 'voice';
    const surveyWeights = stream.surveys?.scores ?? [];
    const surveyTotal = surveyWeights.reduce((a, b) => a + b, 0);
    const pickScore = (r: RandomSource): number => {
      let x = r() * surveyTotal;
      for (let k = 0; k < surveyWeights.length; k++) {
        x -= surveyWeights[k] as number;
        if (x < 0) return k + 1;
      }
      return surveyWeights.length;
    };
    const segments = rateSegments(stream, timeZone, t0, t1);
    let segment = 0;
    let t = t0;
    const next = (): number | undefined => {
      while (segment < segments.length) {
        const seg = segments[segment] as Segment;
        if (t < seg.start) t = seg.start;
        if (seg.rate > 0) {
          const candidate = t - Math.log(1 - arrivalRandom()) / seg.rate;
          if (candidate < seg.end) {
            t = candidate;
            return t;
          }
        }
        t = seg.end;
        segment++;
      }
      return undefined;
    };
    const explicit = stream.queue !== undefined && explicitWrap.has(stream.queue);
    const prefix = `${label}-${channel}-${s}`;
    let n = 0;
    const arrive = (): void => {
      const id = `${prefix}-${++n}`;
      arrivals++;
      // Every draw for this contact, in a fixed order, from the contact stream.
      const talkMs = talk();
      const wrapMs = wrap();
      const patienceMs = patience ? patience() : Infinity;
      const holds = holdLength !== undefined && contactRandom() < holdProbability;
      const holdMs = holdLength !== undefined ? holdLength() : 0;
      const customer =
        stream.customers !== undefined
          ? `${label}-c${1 + Math.floor(contactRandom() * stream.customers)}`
          : undefined;
      const survey =
        stream.surveys && contactRandom() < stream.surveys.responseRate && surveyTotal > 0
          ? pickScore(contactRandom)
          : 0;
      const c: Contact = {
        id,
        channel,
        customer,
        talkMs,
        wrapMs,
        holdAtMs: holds ? talkMs / 2 : 0,
        holdMs: holds ? holdMs : 0,
        survey,
        explicitWrap: explicit,
        state: ivr ? IN_IVR : WAITING,
        offers: 0,
        patience: undefined,
        patienceMs,
      };
      contacts.set(id, c);
      if (ivr) ivr.start(id, channel, customer, clock.now() >= reportFrom && clock.now() < t1);
      else if (Number.isFinite(patienceMs)) {
        c.patience = clock.setTimeout(() => {
          if (c.state === WAITING || c.state === RINGING) engine.abandon(id);
        }, patienceMs);
      }
      if (!ivr)
        engine.enqueue({
          id,
          queueId: stream.queue as string,
          channel,
          ...(customer !== undefined ? { customerId: customer } : {}),
          ...(stream.priority !== undefined ? { priority: stream.priority } : {}),
        });
      const at = next();
      if (at !== undefined) clock.setTimeout(arrive, at - clock.now());
    };
    const first = next();
    if (first !== undefined) clock.setTimeout(arrive, first - t0);
  });

  // Run: the scheduled interval in steps (for progress), then drain.
  const steps = 200;
  for (let k = 1; k <= steps; k++) {
    clock.advanceTo(t0 + ((t1 - t0) * k) / steps);
    options.onProgress?.(k / steps);
  }
  while (contacts.size > 0 || (tickets !== undefined && tickets.pending > 0)) {
    const at = clock.nextTimerAt();
    if (at === undefined || at > drainEnd) break;
    clock.step();
  }
  engine.dispose();
  tickets?.engine.dispose();

  const q = (groupBy?: 'queue' | 'channel' | 'team') =>
    tracker.query({ from: reportFrom, to: t1, ...(groupBy ? { groupBy } : {}) });
  const byQueue = q('queue');
  const report: SimulationReport = {
    scenario: scenario.name ?? 'scenario',
    variant: variant?.name ?? null,
    seed,
    from: new Date(reportFrom).toISOString(),
    to: new Date(t1).toISOString(),
    simulatedHours: (t1 - reportFrom) / HOUR_MS,
    agents: agentCount,
    interactions: arrivals,
    unfinished: contacts.size,
    events: store.length,
    serviceLevelSeconds: scenario.kpi?.serviceLevelSeconds ?? 20,
    total: byQueue.total,
    queues: byQueue.groups,
    channels: q('channel').groups,
    teams: q('team').groups,
    ...(ivrStats ? { ivr: ivrStats.report() } : {}),
    ...(tickets ? { tickets: tickets.report() } : {}),
  };
  return { report, tracker, engine, journal };
}
