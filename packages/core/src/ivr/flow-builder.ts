import type {
  BusinessHoursNode,
  CallbackNode,
  CollectNode,
  ConditionNode,
  EnqueueNode,
  FlowDefinition,
  FlowNode,
  HangupNode,
  HookNode,
  LanguageNode,
  MenuNode,
  PlayNode,
  ReturnNode,
  SetNode,
  SubflowNode,
  TransferNode,
  VoicemailNode,
} from './flow-definition.js';
import { FLOW_SCHEMA } from './flow-definition.js';
import type { NodeKind } from './flow-definition.js';

/** A node's fields without `id` and `kind` (the builder method supplies them). */
export type NodeSpec<N> = Omit<N, 'id' | 'kind'>;

/** What {@link FlowBuilder} needs besides the nodes. */
export type FlowMeta<Id extends string, L extends string> = Omit<
  FlowDefinition<Id, L>,
  'schema' | 'nodes'
>;

/**
 * Writes a flow in TypeScript with autocompletion and compile-time checks, producing exactly the
 * JSON a file would hold. Type parameters name the node ids (`Id`) and languages (`L`): exits only
 * accept known ids and prompts must carry every language.
 *
 * @example
 * ```ts
 * type Ids = 'welcome' | 'menu' | 'billing' | 'bye';
 * const json = new FlowBuilder<Ids, 'en' | 'zh-CN'>({
 *   id: 'mini', version: 1, languages: ['en', 'zh-CN'], timezone: 'Asia/Shanghai', start: 'welcome',
 * })
 *   .play('welcome', { prompt: { en: 'Welcome', 'zh-CN': '欢迎' }, exits: { next: 'menu' } })
 *   .menu('menu', {
 *     prompt: { en: 'Press 1 for billing', 'zh-CN': '账单请按1' },
 *     choices: [{ dtmf: '1', next: 'billing' }],
 *     exits: { noInput: 'bye', noMatch: 'bye' },
 *   })
 *   .enqueue('billing', { queue: 'billing' })
 *   .hangup('bye', {})
 *   .build();
 * const flow = compileFlow(json);
 * ```
 */
export class FlowBuilder<Id extends string = string, L extends string = string> {
  private readonly meta: FlowMeta<Id, L>;
  private readonly nodes: FlowNode<Id, L>[] = [];

  /** @param meta - everything but the nodes: id, version, languages, timezone, start, variables... */
  constructor(meta: FlowMeta<Id, L>) {
    this.meta = meta;
  }

  private add(node: FlowNode<Id, L>): this {
    this.nodes.push(node);
    return this;
  }

  /**
   * Adds a node of any kind; its fields are those of the kind's node type (the per-kind methods
   * below are shorthands for this).
   */
  node<K extends NodeKind>(
    kind: K,
    id: Id,
    spec: NodeSpec<Extract<FlowNode<Id, L>, { readonly kind: K }>>,
  ): this {
    return this.add({ id, kind, ...spec } as unknown as FlowNode<Id, L>);
  }

  /** Adds a `play` node. */
  play(id: Id, spec: NodeSpec<PlayNode<Id, L>>): this {
    return this.add({ id, kind: 'play', ...spec });
  }
  /** Adds a `menu` node. */
  menu(id: Id, spec: NodeSpec<MenuNode<Id, L>>): this {
    return this.add({ id, kind: 'menu', ...spec });
  }
  /** Adds a `collect` node. */
  collect(id: Id, spec: NodeSpec<CollectNode<Id, L>>): this {
    return this.add({ id, kind: 'collect', ...spec });
  }
  /** Adds a `condition` node. */
  condition(id: Id, spec: NodeSpec<ConditionNode<Id>>): this {
    return this.add({ id, kind: 'condition', ...spec });
  }
  /** Adds a `set` node. */
  set(id: Id, spec: NodeSpec<SetNode<Id>>): this {
    return this.add({ id, kind: 'set', ...spec });
  }
  /** Adds a `business-hours` node. */
  businessHours(id: Id, spec: NodeSpec<BusinessHoursNode<Id>>): this {
    return this.add({ id, kind: 'business-hours', ...spec });
  }
  /** Adds a `hook` node. */
  hook(id: Id, spec: NodeSpec<HookNode<Id>>): this {
    return this.add({ id, kind: 'hook', ...spec });
  }
  /** Adds a `language` node. */
  language(id: Id, spec: NodeSpec<LanguageNode<Id, L>>): this {
    return this.add({ id, kind: 'language', ...spec });
  }
  /** Adds an `enqueue` node. */
  enqueue(id: Id, spec: NodeSpec<EnqueueNode<Id, L>>): this {
    return this.add({ id, kind: 'enqueue', ...spec });
  }
  /** Adds a `transfer` node. */
  transfer(id: Id, spec: NodeSpec<TransferNode<Id, L>>): this {
    return this.add({ id, kind: 'transfer', ...spec });
  }
  /** Adds a `voicemail` node. */
  voicemail(id: Id, spec: NodeSpec<VoicemailNode<Id, L>>): this {
    return this.add({ id, kind: 'voicemail', ...spec });
  }
  /** Adds a `callback` node. */
  callback(id: Id, spec: NodeSpec<CallbackNode<Id, L>>): this {
    return this.add({ id, kind: 'callback', ...spec });
  }
  /** Adds a `subflow` node. */
  subflow(id: Id, spec: NodeSpec<SubflowNode<Id>>): this {
    return this.add({ id, kind: 'subflow', ...spec });
  }
  /** Adds a `return` node (subflows only). */
  return(id: Id, spec: NodeSpec<ReturnNode<Id>> = {}): this {
    return this.add({ id, kind: 'return', ...spec });
  }
  /** Adds a `hangup` node. */
  hangup(id: Id, spec: NodeSpec<HangupNode<Id, L>> = {}): this {
    return this.add({ id, kind: 'hangup', ...spec });
  }

  /** The flow document (a deep copy, plain JSON), ready for {@link compileFlow} or a file. */
  build(): FlowDefinition<Id, L> {
    const doc = { schema: FLOW_SCHEMA, ...this.meta, nodes: this.nodes };
    return JSON.parse(JSON.stringify(doc)) as FlowDefinition<Id, L>;
  }
}
