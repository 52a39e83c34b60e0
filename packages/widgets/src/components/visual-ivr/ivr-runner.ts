import {
  IvrSession,
  type CompiledFlow,
  type FlowNode,
  type HookCommand,
  type IvrCommand,
  type IvrEvent,
  type IvrOutcome,
  type IvrSessionOptions,
  type IvrStepResult,
} from '@switchboard/core/ivr';
import type { ExpressionValue } from '@switchboard/core/expr';

export { compileFlow, CompiledFlow } from '@switchboard/core/ivr';

/** A command that ends the visual IVR's part: the host acts on it (queue, transfer, ...). */
export type IvrEndCommand = Extract<
  IvrCommand,
  { type: 'enqueue' | 'transfer' | 'voicemail' | 'hangup' }
>;

/** One line of the visual IVR's transcript. */
export interface IvrTranscriptEntry {
  /** `prompt`: what the flow said; `audio`: a recorded prompt; `you`: what the user chose or typed; `callback`: a callback was registered. */
  readonly kind: 'prompt' | 'audio' | 'you' | 'callback';
  readonly nodeId: string;
  /** The prompt text, the chosen option's label, or the typed value (masked for sensitive input). */
  readonly text: string;
}

/** One option of a menu, as a button. */
export interface IvrMenuChoice {
  /** The key that selects it (`1`, `*`), if it has one. */
  readonly key: string | null;
  /** The option's words in the session's language (its first speech phrase), if it has any. */
  readonly label: string | null;
  /** What choosing it sends to the interpreter. */
  readonly event: IvrEvent;
}

/** What the flow waits for now. */
export type IvrPrompt =
  | { readonly kind: 'menu'; readonly nodeId: string; readonly choices: readonly IvrMenuChoice[] }
  | {
      readonly kind: 'input';
      readonly nodeId: string;
      readonly input: 'dtmf' | 'speech' | 'dtmf-speech';
      readonly minDigits: number;
      readonly maxDigits: number;
      readonly sensitive: boolean;
    };

/** The runner's state. */
export interface IvrRunnerSnapshot {
  readonly status: 'idle' | 'waiting' | 'busy' | 'ended';
  readonly transcript: readonly IvrTranscriptEntry[];
  readonly prompt: IvrPrompt | null;
  readonly outcome: IvrOutcome | null;
  readonly end: IvrEndCommand | null;
}

/** What a host lends the runner. */
export interface IvrRunnerHost {
  /** Answers a hook request (an account lookup); rejects or is absent: the flow takes its error exit. */
  readonly hook?: (command: HookCommand) => Promise<ExpressionValue | undefined>;
}

/** The most transcript lines kept (older ones drop off). */
export const MAX_TRANSCRIPT = 200;
/** The most hook round trips in a row before the runner stops (a flow that loops on hooks). */
const MAX_HOOKS_PER_STEP = 50;

/**
 * Drives core's {@link IvrSession} for a screen instead of a phone line: prompts become transcript
 * text, a gather becomes a menu of choices (from the menu node's `choices`) or an input field, a
 * hook is answered through the host, and the ending command (enqueue, transfer, voicemail, hang-up)
 * is left for the host. A visual menu waits for the user: it never sends `timeout`.
 *
 * @internal
 */
export class IvrRunner {
  private readonly session: IvrSession;
  private snapshot: IvrRunnerSnapshot = {
    status: 'idle',
    transcript: [],
    prompt: null,
    outcome: null,
    end: null,
  };

  constructor(
    private readonly flow: CompiledFlow,
    options: IvrSessionOptions,
    private readonly host: IvrRunnerHost = {},
  ) {
    this.session = new IvrSession(flow, options);
  }

  /** The current state. */
  getSnapshot(): IvrRunnerSnapshot {
    return this.snapshot;
  }

  /** Runs the flow to its first wait (or its end). */
  start(): Promise<IvrRunnerSnapshot> {
    if (this.snapshot.status !== 'idle') return Promise.resolve(this.snapshot);
    return this.apply(this.session.start(), []);
  }

  /**
   * Sends the user's choice or input while the flow waits; `said` is the transcript line for it.
   * Ignored unless the flow is waiting.
   */
  send(event: IvrEvent, said: string): Promise<IvrRunnerSnapshot> {
    if (this.snapshot.status !== 'waiting' || !this.snapshot.prompt) {
      return Promise.resolve(this.snapshot);
    }
    const line: IvrTranscriptEntry = {
      kind: 'you',
      nodeId: this.snapshot.prompt.nodeId,
      text: said,
    };
    return this.apply(this.session.send(event), [line]);
  }

  private async apply(
    first: IvrStepResult,
    lines: IvrTranscriptEntry[],
  ): Promise<IvrRunnerSnapshot> {
    let step = first;
    const transcript = [...this.snapshot.transcript, ...lines];
    this.snapshot = { ...this.snapshot, status: 'busy', prompt: null, transcript };
    for (let hooks = 0; ; hooks++) {
      let hook: HookCommand | undefined;
      let prompt: IvrPrompt | null = null;
      let end: IvrEndCommand | null = null;
      for (const command of step.commands) {
        switch (command.type) {
          case 'play':
            if (command.text !== undefined) {
              transcript.push({ kind: 'prompt', nodeId: command.nodeId, text: command.text });
            } else if (command.audio !== undefined) {
              transcript.push({ kind: 'audio', nodeId: command.nodeId, text: command.audio });
            }
            break;
          case 'gather':
            prompt = this.promptFor(command.nodeId, command);
            break;
          case 'hook':
            hook = command;
            break;
          case 'callback':
            transcript.push({ kind: 'callback', nodeId: command.nodeId, text: command.number });
            break;
          default:
            end = command;
        }
      }
      if (hook && step.status === 'waiting' && hooks < MAX_HOOKS_PER_STEP) {
        step = this.session.send(await this.answer(hook));
        continue;
      }
      while (transcript.length > MAX_TRANSCRIPT) transcript.shift();
      const ended = step.status === 'ended' || (hook !== undefined && hooks >= MAX_HOOKS_PER_STEP);
      this.snapshot = {
        status: ended ? 'ended' : 'waiting',
        transcript: [...transcript],
        prompt: ended ? null : prompt,
        outcome: ended ? (step.outcome ?? 'error') : null,
        end,
      };
      return this.snapshot;
    }
  }

  private async answer(hook: HookCommand): Promise<IvrEvent> {
    if (!this.host.hook) {
      return { type: 'hook-result', requestId: hook.requestId, ok: false, error: 'no handler' };
    }
    try {
      const data = await this.host.hook(hook);
      return {
        type: 'hook-result',
        requestId: hook.requestId,
        ok: true,
        ...(data === undefined ? {} : { data }),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : 'hook failed';
      return { type: 'hook-result', requestId: hook.requestId, ok: false, error: message };
    }
  }

  private promptFor(nodeId: string, gather: Extract<IvrCommand, { type: 'gather' }>): IvrPrompt {
    const node = this.node(nodeId);
    if (node?.kind === 'menu') {
      const language = gather.language;
      return {
        kind: 'menu',
        nodeId,
        choices: node.choices.map((choice): IvrMenuChoice => {
          const phrases = choice.speech?.[language];
          const label = phrases && phrases.length > 0 ? (phrases[0] ?? null) : null;
          const key = choice.dtmf ?? null;
          return {
            key,
            label,
            event:
              key !== null
                ? { type: 'dtmf', digits: key }
                : { type: 'speech', text: label ?? '', confidence: 1 },
          };
        }),
      };
    }
    return {
      kind: 'input',
      nodeId,
      input: gather.input,
      minDigits: gather.minDigits,
      maxDigits: gather.maxDigits,
      sensitive: node?.kind === 'collect' && node.sensitive === true,
    };
  }

  private node(nodeId: string): FlowNode | undefined {
    const flow = this.flow.flowById(this.session.getState().currentFlowId) ?? this.flow;
    return flow.definition.nodes.find((n) => n.id === nodeId);
  }
}
