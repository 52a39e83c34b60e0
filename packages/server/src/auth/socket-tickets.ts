import type { Principal } from './tokens.js';

/** How long a socket ticket may wait before it is used (ms). */
export const SOCKET_TICKET_TTL_MS = 30_000;

/**
 * Single-use, short-lived tickets that authenticate the event socket, so that no long-lived token
 * ever travels in a URL (where proxies and logs keep it). A ticket is random, valid for
 * {@link SOCKET_TICKET_TTL_MS} and consumed by its first use.
 */
export class SocketTickets {
  private readonly tickets = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxOutstanding = 100_000,
  ) {}

  /** A new ticket for `principal`. */
  issue(principal: Principal): { ticket: string; expiresAt: number } {
    this.sweep();
    if (this.tickets.size >= this.maxOutstanding) {
      // Oldest first: a Map iterates in insertion order.
      const oldest = this.tickets.keys().next();
      if (!oldest.done) this.tickets.delete(oldest.value);
    }
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    const ticket = Buffer.from(bytes).toString('base64url');
    const expiresAt = this.now() + SOCKET_TICKET_TTL_MS;
    this.tickets.set(ticket, { principal, expiresAt });
    return { ticket, expiresAt };
  }

  /** The principal of a valid ticket, which is consumed; `undefined` for an unknown or expired one. */
  consume(ticket: string): Principal | undefined {
    const entry = this.tickets.get(ticket);
    if (!entry) return undefined;
    this.tickets.delete(ticket);
    return entry.expiresAt > this.now() ? entry.principal : undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [ticket, entry] of this.tickets) {
      if (entry.expiresAt > now) break; // insertion order is expiry order
      this.tickets.delete(ticket);
    }
  }
}
