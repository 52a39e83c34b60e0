import { systemClock } from '@switchboard/core/shared';
import type { Clock, Listener, TimerHandle, Unsubscribe } from '@switchboard/core/shared';
import { IvrSession } from '@switchboard/core/ivr';
import type {
  CompiledFlow,
  GatherCommand,
  IvrCommand,
  IvrEvent,
  PlayCommand,
} from '@switchboard/core/ivr';
import type { EvapiChannel } from './evapi-connection.js';
import type { BencodeDictionary } from './bencode.js';
import type { RtpengineDtmfEvent } from './rtpengine-ng-client.js';
import { KamailioError } from './kamailio-error.js';
import { MAX_CALL_ID_LENGTH, MAX_CALLER_TEXT_LENGTH, QUEUE_ID_PATTERN } from './evapi-messages.js';
import type { TransactionRef } from './evapi-messages.js';

/** Options of {@link KamailioIvrService}. */
export interface KamailioIvrServiceOptions {
  /** Kamailio's evapi socket (shared with the routing service). */
  readonly channel: EvapiChannel;
  /** rtpengine's NG control (a `RtpengineNgClient`). */
  readonly media: { command(message: BencodeDictionary): Promise<BencodeDictionary> };
  /** rtpengine's DTMF events (a `RtpengineDtmfListener`). */
  readonly dtmf: { onDigit(listener: Listener<RtpengineDtmfEvent>): Unsubscribe };
  /** The flow of each IVR address (`ivrAddresses` of the Kamailio configuration). */
  readonly flows: ReadonlyMap<string, CompiledFlow>;
  /** The audio file (absolute path, any format ffmpeg reads) that speaks a `play` command. */
  readonly prompts: (play: PlayCommand) => Promise<string>;
  readonly clock?: Clock;
  /** Most IVR calls at once; beyond it a call is answered 503. Default 1000. */
  readonly maxActiveCalls?: number;
}

/** Facts the IVR service reports. */
export type IvrServiceEvent =
  | { readonly type: 'ivr-started'; readonly callId: string; readonly address: string }
  | { readonly type: 'ivr-prompt'; readonly callId: string; readonly nodeId: string }
  | { readonly type: 'ivr-input'; readonly callId: string; readonly digits: string }
  | { readonly type: 'ivr-queued'; readonly callId: string; readonly queueId: string }
  | { readonly type: 'ivr-ended'; readonly callId: string; readonly reason: string }
  | {
      readonly type: 'message-failed';
      readonly event: string;
      readonly error: KamailioError;
    };

/** Largest SDP accepted from Kamailio. */
const MAX_SDP_LENGTH = 16_384;
const ADDRESS = /^[A-Za-z0-9_.!~*'()-]{1,64}$/;
const TAG = /^[\x21-\x7e]{1,128}$/;

interface IvrCall {
  readonly callId: string;
  readonly callerTag: string;
  readonly session: IvrSession;
  suspended: TransactionRef | undefined;
  /** What to tell Kamailio once it waits (`ivr-waiting`), when the flow ended before. */
  pendingAction: Record<string, unknown> | undefined;
  digits: string;
  gather: GatherCommand | undefined;
  timer: TimerHandle | undefined;
  /** Ends the current prompt early (a digit barged in). */
  interrupt: (() => void) | undefined;
  ended: boolean;
}

/**
 * The IVR on real audio, for calls to IVR addresses (`ivrAddresses` of `renderKamailioConfig`).
 * Kamailio sends `ivr-request` with the caller's SDP; the service makes the caller's media session
 * in rtpengine (an `offer`, and an `answer` from a placeholder that is never sent audio), answers
 * `early-media` with rtpengine's SDP (Kamailio sends it in a 183), then runs the core
 * {@link IvrSession}: `play` commands become rtpengine `play media` of the prompt's audio file
 * (one after another; a digit cuts a prompt short), `gather` reads RFC 4733 digits from
 * rtpengine's DTMF events, `enqueue` answers `queue` (Kamailio then asks the routing service for
 * an agent), `transfer` answers `forward`, `hangup` answers 480. Hooks get `timeout`; voicemail
 * and callbacks are refused (501).
 *
 * Hostile input: message fields are checked and bounded; unknown addresses get 404; beyond
 * `maxActiveCalls` calls get 503; a failing call is answered 500 and reported as
 * `message-failed`, and the service goes on.
 *
 * @example
 * ```ts
 * const ivr = new KamailioIvrService({
 *   channel: evapi, media: ng, dtmf,
 *   flows: new Map([['hotline', compileFlow(flowJson, { queues: ['support'] })]]),
 *   prompts: (play) => espeak.file(play.text ?? '', play.language),
 * });
 * ```
 */
export class KamailioIvrService {
  private readonly calls = new Map<string, IvrCall>();
  private readonly listeners = new Set<Listener<IvrServiceEvent>>();
  private readonly clock: Clock;
  private readonly offs: Unsubscribe[] = [];

  constructor(private readonly options: KamailioIvrServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.offs.push(options.channel.onMessage((m) => this.onMessage(m)));
    this.offs.push(options.dtmf.onDigit((e) => this.onDigit(e)));
  }

  /** Listens to what the service does. */
  onEvent(listener: Listener<IvrServiceEvent>): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Call-IDs of calls in the IVR now. */
  activeCalls(): string[] {
    return [...this.calls.keys()];
  }

  /** Stops listening and forgets every call. Idempotent. */
  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    for (const call of this.calls.values()) this.forget(call);
  }

  private onMessage(raw: Readonly<Record<string, unknown>>): void {
    const event = typeof raw.event === 'string' ? raw.event.slice(0, 64) : '';
    try {
      if (event === 'ivr-request') void this.onRequest(raw);
      else if (event === 'ivr-waiting') this.onWaiting(raw);
      else if (event === 'call-cancelled' || event === 'call-ended') {
        const call = this.calls.get(text(raw, 'callId', MAX_CALL_ID_LENGTH));
        if (call) this.end(call, event === 'call-cancelled' ? 'caller-cancelled' : 'ended');
      }
    } catch (error) {
      this.fail(event, error);
    }
  }

  private async onRequest(raw: Readonly<Record<string, unknown>>): Promise<void> {
    const transaction = transactionOf(raw);
    try {
      const callId = text(raw, 'callId', MAX_CALL_ID_LENGTH);
      const callerTag = text(raw, 'fromTag', 128);
      const address = text(raw, 'address', 64);
      const sdp = text(raw, 'sdp', MAX_SDP_LENGTH);
      const from = typeof raw.from === 'string' ? raw.from.slice(0, MAX_CALLER_TEXT_LENGTH) : '';
      if (!TAG.test(callerTag)) throw invalid('ivr-request', 'fromTag');
      const flow = ADDRESS.test(address) ? this.options.flows.get(address) : undefined;
      if (!flow)
        return this.reply(transaction, { action: 'reject', code: 404, reason: 'No such IVR' });
      if (this.calls.has(callId)) {
        return this.reply(transaction, { action: 'reject', code: 482, reason: 'Merged Request' });
      }
      if (this.calls.size >= (this.options.maxActiveCalls ?? 1000)) {
        return this.reply(transaction, {
          action: 'reject',
          code: 503,
          reason: 'Service Unavailable',
        });
      }
      const session = new IvrSession(flow, { clock: this.clock, attributes: { ani: from } });
      const call: IvrCall = {
        callId,
        callerTag,
        session,
        suspended: undefined,
        pendingAction: undefined,
        digits: '',
        gather: undefined,
        timer: undefined,
        interrupt: undefined,
        ended: false,
      };
      this.calls.set(callId, call);
      const callerSdp = await this.mediaFor(call, sdp);
      this.reply(transaction, { action: 'early-media', sdp: callerSdp });
      this.emit({ type: 'ivr-started', callId, address });
      await this.execute(call, session.start().commands);
    } catch (error) {
      const callId = typeof raw.callId === 'string' ? raw.callId : '';
      const call = this.calls.get(callId);
      if (call) this.forget(call);
      if (transaction && !call?.suspended) {
        this.reply(transaction, { action: 'reject', code: 500, reason: 'Server Internal Error' });
      } else if (call?.suspended) {
        this.reply(call.suspended, {
          action: 'reject',
          code: 500,
          reason: 'Server Internal Error',
        });
      }
      this.fail('ivr-request', error);
    }
  }

  /** rtpengine's session for the caller: offer its SDP, answer from a silent placeholder. */
  private async mediaFor(call: IvrCall, sdp: string): Promise<string> {
    const common = {
      'call-id': call.callId,
      'from-tag': call.callerTag,
      flags: ['trust-address'],
      replace: ['origin', 'session-connection'],
      ICE: 'remove',
    };
    await this.options.media.command({ command: 'offer', sdp, ...common });
    const placeholder = [
      'v=0',
      'o=switchboard-ivr 1 1 IN IP4 127.0.0.1',
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=audio 9 RTP/AVP 0 8 101',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=sendrecv',
      '',
    ].join('\r\n');
    const answer = await this.options.media.command({
      command: 'answer',
      sdp: placeholder,
      'to-tag': `ivr-${call.callerTag}`.slice(0, 128),
      ...common,
    });
    if (typeof answer.sdp !== 'string') throw new KamailioError('KAMAILIO_MEDIA_FAILED', 'no SDP');
    return answer.sdp;
  }

  private onWaiting(raw: Readonly<Record<string, unknown>>): void {
    const transaction = transactionOf(raw);
    const call = this.calls.get(text(raw, 'callId', MAX_CALL_ID_LENGTH));
    if (!transaction) throw invalid('ivr-waiting', 'tindex');
    if (!call) {
      this.reply(transaction, { action: 'reject', code: 480, reason: 'Temporarily Unavailable' });
      return;
    }
    call.suspended = transaction;
    if (call.pendingAction) this.finish(call, call.pendingAction);
  }

  private onDigit(event: RtpengineDtmfEvent): void {
    const call = this.calls.get(event.callId);
    if (!call || call.ended || event.sourceTag !== call.callerTag) return;
    if (call.digits.length < 64) call.digits += event.digit;
    call.interrupt?.();
    if (call.gather) this.checkGather(call);
  }

  /** Runs the session's commands in order until it waits for input or ends. */
  private async execute(call: IvrCall, commands: readonly IvrCommand[]): Promise<void> {
    for (const command of commands) {
      if (call.ended) return;
      switch (command.type) {
        case 'play':
          await this.play(call, command);
          break;
        case 'gather':
          call.gather = command;
          this.checkGather(call);
          return;
        case 'enqueue':
          if (!QUEUE_ID_PATTERN.test(command.queueId)) throw invalid('enqueue', 'queueId');
          this.emit({ type: 'ivr-queued', callId: call.callId, queueId: command.queueId });
          await this.releaseMedia(call);
          return this.finish(call, { action: 'queue', queue: command.queueId });
        case 'transfer':
          await this.releaseMedia(call);
          return this.finish(
            call,
            /^sips?:[^\s"<>]{1,200}$/.test(command.target)
              ? { action: 'forward', target: command.target }
              : { action: 'reject', code: 404, reason: 'Not Found' },
          );
        case 'hook':
          await this.step(call, { type: 'timeout' });
          return;
        case 'hangup':
          await this.stopMedia(call);
          return this.finish(call, { action: 'reject', code: 480, reason: 'IVR ended' });
        case 'voicemail':
        case 'callback':
          await this.stopMedia(call);
          return this.finish(call, { action: 'reject', code: 501, reason: 'Not Implemented' });
      }
    }
  }

  private async step(call: IvrCall, event: IvrEvent): Promise<void> {
    if (call.ended) return;
    await this.execute(call, call.session.send(event).commands);
  }

  private async play(call: IvrCall, command: PlayCommand): Promise<void> {
    // digits typed ahead cut prompts short (barge-in)
    if (call.digits !== '') return;
    const file = await this.options.prompts(command);
    if (call.ended) return;
    const answer = await this.options.media.command({
      command: 'play media',
      'call-id': call.callId,
      'from-tag': call.callerTag,
      file,
    });
    this.emit({ type: 'ivr-prompt', callId: call.callId, nodeId: command.nodeId });
    const durationMs = typeof answer.duration === 'number' ? answer.duration : 0;
    await new Promise<void>((resolve) => {
      const timer = this.clock.setTimeout(resolve, Math.max(0, durationMs));
      call.interrupt = () => {
        this.clock.clearTimeout(timer);
        call.interrupt = undefined;
        resolve();
      };
    });
    call.interrupt = undefined;
    if (call.digits !== '') await this.stopMedia(call);
  }

  private checkGather(call: IvrCall): void {
    const gather = call.gather;
    if (!gather || call.ended) return;
    if (call.timer !== undefined) this.clock.clearTimeout(call.timer);
    const terminator = gather.terminator;
    const end = terminator === undefined ? -1 : call.digits.indexOf(terminator);
    if (end >= 0 || call.digits.length >= gather.maxDigits) {
      const digits = end >= 0 ? call.digits.slice(0, end) : call.digits.slice(0, gather.maxDigits);
      call.digits = '';
      this.submit(call, { type: 'dtmf', digits });
      return;
    }
    call.timer = this.clock.setTimeout(() => {
      call.timer = undefined;
      const digits = call.digits;
      call.digits = '';
      this.submit(
        call,
        digits.length >= Math.max(1, gather.minDigits)
          ? { type: 'dtmf', digits }
          : { type: 'timeout' },
      );
    }, gather.timeoutMs);
  }

  private submit(call: IvrCall, event: IvrEvent): void {
    call.gather = undefined;
    if (event.type === 'dtmf')
      this.emit({ type: 'ivr-input', callId: call.callId, digits: event.digits });
    this.step(call, event).catch((error: unknown) => {
      if (call.suspended) {
        this.reply(call.suspended, {
          action: 'reject',
          code: 500,
          reason: 'Server Internal Error',
        });
      }
      this.forget(call);
      this.fail('ivr-step', error);
    });
  }

  private async stopMedia(call: IvrCall): Promise<void> {
    await this.options.media
      .command({ command: 'stop media', 'call-id': call.callId, 'from-tag': call.callerTag })
      .catch(() => undefined);
  }

  /**
   * Ends the IVR's media session: the agent's (or the forward target's) branch then gets a fresh
   * one from Kamailio's offer (a re-offer would keep pairing the caller with the IVR's placeholder).
   */
  private async releaseMedia(call: IvrCall): Promise<void> {
    await this.stopMedia(call);
    await this.options.media
      .command({
        command: 'delete',
        'call-id': call.callId,
        'from-tag': call.callerTag,
        'delete-delay': 0,
      })
      .catch(() => undefined);
  }

  /** Tells Kamailio what to do with the call (now, or once it waits) and forgets it. */
  private finish(call: IvrCall, action: Record<string, unknown>): void {
    if (!call.suspended) {
      call.pendingAction = action;
      return;
    }
    this.reply(call.suspended, action);
    this.emit({ type: 'ivr-ended', callId: call.callId, reason: String(action.action) });
    this.forget(call);
  }

  private end(call: IvrCall, reason: string): void {
    try {
      call.session.send({ type: 'hangup' });
    } catch {
      // the session had ended already
    }
    this.emit({ type: 'ivr-ended', callId: call.callId, reason });
    this.forget(call);
  }

  private forget(call: IvrCall): void {
    call.ended = true;
    call.interrupt?.();
    if (call.timer !== undefined) this.clock.clearTimeout(call.timer);
    this.calls.delete(call.callId);
  }

  private reply(transaction: TransactionRef | undefined, message: Record<string, unknown>): void {
    if (!transaction) return;
    this.options.channel.send({ ...transaction, ...message });
  }

  private fail(event: string, error: unknown): void {
    const wrapped =
      error instanceof KamailioError
        ? error
        : new KamailioError('KAMAILIO_EVAPI_MESSAGE', `IVR: '${event}' failed`, { cause: error });
    this.emit({ type: 'message-failed', event, error: wrapped });
  }

  private emit(event: IvrServiceEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // a listener's failure is its own
      }
    }
  }
}

function transactionOf(raw: Readonly<Record<string, unknown>>): TransactionRef | undefined {
  const { tindex, tlabel } = raw;
  const ok = (v: unknown): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
  return ok(tindex) && ok(tlabel) ? { tindex, tlabel } : undefined;
}

function text(raw: Readonly<Record<string, unknown>>, key: string, max: number): string {
  const value = raw[key];
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw invalid(String(raw.event ?? ''), key);
  }
  return value;
}

function invalid(event: string, field: string): KamailioError {
  return new KamailioError(
    'KAMAILIO_EVAPI_MESSAGE',
    `evapi '${event.slice(0, 64)}' message has a missing or invalid '${field}'`,
  );
}
