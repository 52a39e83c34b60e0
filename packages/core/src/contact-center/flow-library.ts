import { FlowValidationError, validateFlow } from '../ivr/index.js';
import { jsonClone } from '../ivr/json-clone.js';
import {
  NotFoundError,
  SwitchboardError,
  ValidationError,
  type Clock,
  type ValidationIssue,
} from '../shared/index.js';

/** Where a stored flow version stands: edited, live, or replaced by a later published one. */
export const FLOW_STATUSES = ['draft', 'published', 'retired'] as const;
/** One of {@link FLOW_STATUSES}. */
export type FlowStatus = (typeof FLOW_STATUSES)[number];

/** One version of an IVR flow in a center's library. */
export interface StoredFlow {
  /** The flow's `id`. */
  readonly id: string;
  /** The flow's `version`. */
  readonly version: number;
  readonly status: FlowStatus;
  /** The flow document as saved (`FlowDefinition` once it validates). */
  readonly definition: unknown;
  readonly savedAt: number;
  readonly publishedAt: number | null;
}

/** One flow of the library: its versions and which one is live. */
export interface FlowSummary {
  readonly id: string;
  /** The `name` of the newest version, if it has one. */
  readonly name: string | null;
  /** Every stored version, ascending. */
  readonly versions: readonly number[];
  /** The live version, if one is published. */
  readonly publishedVersion: number | null;
  readonly updatedAt: number;
}

/** What {@link ContactCenter.validateFlow} answers: every problem, each with its path. */
export interface FlowValidation {
  readonly valid: boolean;
  readonly issues: readonly ValidationIssue[];
}

/** A published flow version is immutable: save a new version instead. Nothing was changed. */
export class FlowVersionPublishedError extends SwitchboardError<'CONFLICT'> {
  override name = 'FlowVersionPublishedError';
  constructor(flowId: string, version: number) {
    super('CONFLICT', `flow '${flowId}' version ${version} is published and cannot change`, {
      hint: 'Save the change as a new version.',
    });
  }
}

/** Most versions kept per flow. */
export const MAX_FLOW_VERSIONS = 200;

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@#-]{0,127}$/;

/**
 * Versioned IVR flows of one center: drafts are stored as they are (an editor saves work in
 * progress), a version is published only when {@link validateFlow} finds no problem (with the
 * center's queues as context), and a published version never changes.
 *
 * @internal
 */
export class FlowLibrary {
  private readonly flows = new Map<string, Map<number, StoredFlow>>();

  constructor(private readonly clock: Clock) {}

  save(definition: unknown): StoredFlow {
    const { id, version } = this.key(definition);
    const versions = this.flows.get(id) ?? new Map<number, StoredFlow>();
    const current = versions.get(version);
    if (current && current.status !== 'draft') throw new FlowVersionPublishedError(id, version);
    if (!current && versions.size >= MAX_FLOW_VERSIONS) {
      throw new ValidationError('IVR flow', [
        { path: '$.version', message: `a flow keeps at most ${MAX_FLOW_VERSIONS} versions` },
      ]);
    }
    let copy: unknown;
    try {
      copy = jsonClone(definition);
    } catch (error) {
      throw new ValidationError('IVR flow', [
        { path: '$', message: `not plain JSON data: ${(error as Error).message}` },
      ]);
    }
    const stored: StoredFlow = {
      id,
      version,
      status: 'draft',
      definition: copy,
      savedAt: this.clock.now(),
      publishedAt: null,
    };
    versions.set(version, stored);
    this.flows.set(id, versions);
    return stored;
  }

  get(id: string, version?: number): StoredFlow {
    const versions = this.flows.get(id);
    if (!versions) throw new NotFoundError('IVR flow', id);
    if (version !== undefined) {
      const found = versions.get(version);
      if (!found) throw new NotFoundError('IVR flow version', `${id}@${version}`);
      return found;
    }
    const all = [...versions.values()];
    return (
      all.find((f) => f.status === 'published') ??
      (all.sort((a, b) => b.version - a.version)[0] as StoredFlow)
    );
  }

  list(): FlowSummary[] {
    return [...this.flows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, versions]) => {
        const all = [...versions.values()].sort((a, b) => a.version - b.version);
        const newest = all.at(-1) as StoredFlow;
        const def = newest.definition as { name?: unknown };
        return {
          id,
          name: typeof def.name === 'string' ? def.name : null,
          versions: all.map((f) => f.version),
          publishedVersion: all.find((f) => f.status === 'published')?.version ?? null,
          updatedAt: Math.max(...all.map((f) => f.publishedAt ?? f.savedAt)),
        };
      });
  }

  validate(definition: unknown, queues: Iterable<string>): FlowValidation {
    const issues = validateFlow(definition, { queues });
    return { valid: issues.length === 0, issues };
  }

  /** Publishes a version once it validates; the one live before is retired. */
  publish(id: string, version: number, queues: Iterable<string>): StoredFlow {
    const target = this.get(id, version);
    if (target.status === 'published') return target;
    const issues = validateFlow(target.definition, { queues });
    if (issues.length > 0) throw new FlowValidationError(id, issues);
    const versions = this.flows.get(id) as Map<number, StoredFlow>;
    const at = this.clock.now();
    for (const f of versions.values()) {
      if (f.status === 'published') versions.set(f.version, { ...f, status: 'retired' });
    }
    const published: StoredFlow = { ...target, status: 'published', publishedAt: at };
    versions.set(version, published);
    return published;
  }

  /** Every stored version of a flow, ascending (none when it has none). */
  versions(id: string): StoredFlow[] {
    return [...(this.flows.get(id)?.values() ?? [])].sort((a, b) => a.version - b.version);
  }

  /** Puts back a flow version as an earlier run stored it. */
  restore(flow: StoredFlow): void {
    const versions = this.flows.get(flow.id) ?? new Map<number, StoredFlow>();
    versions.set(flow.version, flow);
    this.flows.set(flow.id, versions);
  }

  private key(definition: unknown): { id: string; version: number } {
    const issues: ValidationIssue[] = [];
    if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
      throw new ValidationError('IVR flow', [{ path: '$', message: 'a flow must be an object' }]);
    }
    const { id, version } = definition as Record<string, unknown>;
    if (typeof id !== 'string' || !ID.test(id)) {
      issues.push({ path: '$.id', message: 'id must be an id (letters, digits, . _ : @ # -)' });
    }
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
      issues.push({ path: '$.version', message: 'version must be an integer from 1' });
    }
    if (issues.length > 0) throw new ValidationError('IVR flow', issues);
    return { id: id as string, version: version as number };
  }
}
