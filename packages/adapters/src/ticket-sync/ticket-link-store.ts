import type { ExternalRef, TicketSyncBase } from '@switchboard/core/integrations';

/** A core ticket linked to its external twin, with the state both had at the last sync. */
export interface TicketLink {
  /** The core ticket id. */
  readonly localId: string;
  /** The external ticket. */
  readonly ref: ExternalRef;
  /** Both sides' state at the last successful sync. */
  readonly base: TicketSyncBase;
}

/**
 * Where {@link TicketSyncRunner} keeps its links and its read position. Back it with the host's
 * database so a restart resumes where it stopped; {@link MemoryTicketLinkStore} is the default.
 */
export interface TicketLinkStore {
  /** The link of a core ticket. */
  get(localId: string): Promise<TicketLink | undefined>;
  /** The link of an external ticket. */
  getByRef(ref: ExternalRef): Promise<TicketLink | undefined>;
  /** Adds or replaces a link. */
  set(link: TicketLink): Promise<void>;
  /** Every link. */
  all(): Promise<readonly TicketLink[]>;
  /** The external `updatedAt` to read changes from (epoch ms); 0 before the first sync. */
  readPosition(): Promise<number>;
  /** Moves the read position. */
  setReadPosition(at: number): Promise<void>;
}

/**
 * A {@link TicketLinkStore} in memory.
 *
 * @example
 * ```ts
 * const links = new MemoryTicketLinkStore();
 * ```
 */
export class MemoryTicketLinkStore implements TicketLinkStore {
  private readonly byLocal = new Map<string, TicketLink>();
  private readonly byRef = new Map<string, TicketLink>();
  private position = 0;

  async get(localId: string): Promise<TicketLink | undefined> {
    return this.byLocal.get(localId);
  }

  async getByRef(ref: ExternalRef): Promise<TicketLink | undefined> {
    return this.byRef.get(refKey(ref));
  }

  async set(link: TicketLink): Promise<void> {
    this.byLocal.set(link.localId, link);
    this.byRef.set(refKey(link.ref), link);
  }

  async all(): Promise<readonly TicketLink[]> {
    return [...this.byLocal.values()];
  }

  async readPosition(): Promise<number> {
    return this.position;
  }

  async setReadPosition(at: number): Promise<void> {
    this.position = at;
  }
}

function refKey(ref: ExternalRef): string {
  return `${ref.system}\u0000${ref.kind}\u0000${ref.id}`;
}
