/**
 * Where the SMS channel keeps who opted out. Addresses are E.164 numbers. Implement it over a
 * database so opt-outs survive restarts; {@link MemoryOptOutStore} is the in-process default.
 */
export interface OptOutStore {
  /** Whether the address opted out. */
  has(address: string): Promise<boolean>;
  /** Records an opt-out. */
  add(address: string, at: number): Promise<void>;
  /** Removes an opt-out (the address opted in again). */
  remove(address: string): Promise<void>;
}

/**
 * An {@link OptOutStore} in memory.
 *
 * @example
 * ```ts
 * const optOuts = new MemoryOptOutStore();
 * await optOuts.add('+14155550100', Date.now());
 * ```
 */
export class MemoryOptOutStore implements OptOutStore {
  private readonly entries = new Map<string, number>();

  async has(address: string): Promise<boolean> {
    return this.entries.has(address);
  }

  async add(address: string, at: number): Promise<void> {
    this.entries.set(address, at);
  }

  async remove(address: string): Promise<void> {
    this.entries.delete(address);
  }
}
