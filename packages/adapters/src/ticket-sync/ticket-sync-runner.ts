import { decideTicketSync } from '@switchboard/core/integrations';
import type {
  ExternalRef,
  ExternalTicket,
  TicketDraft,
  TicketSync,
  TicketSyncBase,
  TicketSyncConflict,
} from '@switchboard/core/integrations';
import type { Ticket, TicketEngine } from '@switchboard/core/tickets';
import { MemoryTicketLinkStore } from './ticket-link-store.js';
import type { TicketLink, TicketLinkStore } from './ticket-link-store.js';

/** Options of {@link TicketSyncRunner}. */
export interface TicketSyncRunnerOptions {
  /** The core tickets. */
  readonly engine: TicketEngine;
  /** The external system. */
  readonly sync: TicketSync;
  /** Links and read position (default: in memory). */
  readonly links?: TicketLinkStore;
  /** Which core tickets to create in the external system (default: all). */
  readonly include?: (ticket: Ticket) => boolean;
  /** The requester's record in the external system, when known. */
  readonly requesterOf?: (ticket: Ticket) => ExternalRef | undefined;
  /** Most external pages read per sync (default 20); the rest are read by the next sync. */
  readonly maxPages?: number;
}

/** What one {@link TicketSyncRunner.syncOnce} did. */
export interface TicketSyncReport {
  /** Core tickets created in the external system. */
  readonly created: readonly string[];
  /** Core tickets whose changes were written to the external system. */
  readonly pushed: readonly string[];
  /** Core tickets updated from the external system. */
  readonly pulled: readonly string[];
  /** Pairs changed on both sides, and which side was kept. */
  readonly conflicts: readonly TicketSyncConflict[];
  /** Tickets that failed this round (retried by the next sync), with the error. */
  readonly failed: readonly { readonly localId: string; readonly error: unknown }[];
}

/**
 * Two-way ticket synchronization between the core {@link TicketEngine} and an external
 * {@link TicketSync} (a CRM's or help desk's tickets). Each {@link TicketSyncRunner.syncOnce}
 * creates the new core tickets there (idempotency key per ticket, so a retry after a crash creates
 * no twin), reads the external changes since its read position, and for every linked pair that
 * changed decides with `decideTicketSync`: push the core state (conditional on the external state
 * last seen, so a concurrent edit there is a conflict, not an overwrite) or pull the external state
 * into the engine. Conflicts are resolved by the later update and reported. A failure on one ticket
 * is reported and retried next round; the others go on.
 *
 * @example
 * ```ts
 * const runner = new TicketSyncRunner({ engine: tickets, sync });
 * const report = await runner.syncOnce();
 * for (const c of report.conflicts) console.warn('ticket conflict', c.localId, c.winner);
 * ```
 */
export class TicketSyncRunner {
  private readonly links: TicketLinkStore;
  private running: Promise<TicketSyncReport> | undefined;

  constructor(private readonly options: TicketSyncRunnerOptions) {
    this.links = options.links ?? new MemoryTicketLinkStore();
  }

  /** Runs one round; concurrent calls share the round in progress. */
  syncOnce(): Promise<TicketSyncReport> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(): Promise<TicketSyncReport> {
    const report = {
      created: [] as string[],
      pushed: [] as string[],
      pulled: [] as string[],
      conflicts: [] as TicketSyncConflict[],
      failed: [] as { localId: string; error: unknown }[],
    };
    const { engine, sync } = this.options;
    const include = this.options.include ?? (() => true);
    for (const ticket of engine.all()) {
      if (!include(ticket) || (await this.links.get(ticket.id))) continue;
      await attempt(report, ticket.id, async () => {
        const remote = await sync.createTicket(this.draftOf(ticket), {
          idempotencyKey: `switchboard-ticket:${ticket.id}`,
        });
        await this.links.set({ localId: ticket.id, ref: remote.ref, base: baseOf(ticket, remote) });
        report.created.push(ticket.id);
      });
    }
    // Remote changes since the read position, and linked tickets changed here.
    const remotes = new Map<string, ExternalTicket>();
    const since = await this.links.readPosition();
    let position = since;
    let cursor: string | undefined;
    for (let page = 0; page < (this.options.maxPages ?? 20); page++) {
      const result = await sync.listChangedTickets(since, cursor);
      for (const remote of result.tickets) {
        const link = await this.links.getByRef(remote.ref);
        if (link) remotes.set(link.localId, remote);
        position = Math.max(position, remote.updatedAt);
      }
      cursor = result.nextCursor;
      if (cursor === undefined) break;
    }
    for (const link of await this.links.all()) {
      if (!engine.has(link.localId) || report.created.includes(link.localId)) continue;
      const local = engine.get(link.localId);
      if (!remotes.has(link.localId) && local.version === link.base.localVersion) continue;
      await attempt(report, link.localId, async () => {
        const remote = remotes.get(link.localId) ?? (await sync.getTicket(link.ref));
        if (remote === undefined) return;
        await this.reconcile(link, local, remote, report);
      });
    }
    // Only move past changes when every ticket was handled; a failure re-reads them next time.
    if (report.failed.length === 0 && cursor === undefined)
      await this.links.setReadPosition(position);
    return report;
  }

  private async reconcile(
    link: TicketLink,
    local: Ticket,
    remote: ExternalTicket,
    report: { pushed: string[]; pulled: string[]; conflicts: TicketSyncConflict[] },
  ): Promise<void> {
    const decision = decideTicketSync(link.base, local, remote);
    if (decision.action === 'none') return;
    if (decision.conflict) report.conflicts.push(decision.conflict);
    if (decision.action === 'push') {
      const expected = {
        updatedAt: remote.updatedAt,
        ...(remote.version === undefined ? {} : { version: remote.version }),
      };
      const result = await this.options.sync.updateTicket(
        remote.ref,
        this.draftOf(local),
        expected,
      );
      // Changed again in between: the next round decides with the newer state.
      if (result.status === 'conflict')
        throw new Error(`ticket ${local.id} changed during the sync`);
      await this.links.set({ ...link, base: baseOf(local, result.ticket) });
      report.pushed.push(local.id);
      return;
    }
    const pulled = this.pull(local, remote);
    await this.links.set({ ...link, base: baseOf(pulled, remote) });
    report.pulled.push(local.id);
  }

  // Applies the external state to the core ticket (one update; the lifecycle checks the status).
  private pull(local: Ticket, remote: ExternalTicket): Ticket {
    const change = {
      ...(remote.subject === local.subject ? {} : { subject: remote.subject }),
      ...(remote.description === local.description ? {} : { description: remote.description }),
      ...(remote.priority === local.priority ? {} : { priority: remote.priority }),
      ...(sameTags(remote.tags, local.tags) ? {} : { tags: remote.tags }),
      ...(remote.status === local.status ? {} : { status: remote.status }),
    };
    if (Object.keys(change).length === 0) return local;
    return this.options.engine.update(local.id, {
      ...change,
      version: local.version,
      actor: { kind: 'system' },
    });
  }

  private draftOf(ticket: Ticket): TicketDraft {
    const requester = this.options.requesterOf?.(ticket);
    return {
      localId: ticket.id,
      subject: ticket.subject,
      description: ticket.description,
      status: ticket.status,
      priority: ticket.priority,
      tags: ticket.tags,
      ...(requester === undefined ? {} : { requester }),
    };
  }
}

function baseOf(local: Ticket, remote: ExternalTicket): TicketSyncBase {
  return {
    localVersion: local.version,
    remoteUpdatedAt: remote.updatedAt,
    ...(remote.version === undefined ? {} : { remoteVersion: remote.version }),
  };
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

async function attempt(
  report: { failed: { localId: string; error: unknown }[] },
  localId: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    report.failed.push({ localId, error });
  }
}
