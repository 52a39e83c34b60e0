import { CHANNELS } from '../interactions/index.js';

/**
 * The channels an engine routes, in a fixed order: records, pools and snapshots index channels by
 * position in this table, so adding a channel is a change to one list (`Channel` in
 * `interactions/channel.ts`, from which `CHANNELS` derives). Tests build engines with other tables
 * through the internal factory.
 *
 * @internal
 */
export interface ChannelTable {
  /** Channel names, by index. */
  readonly names: readonly string[];
  /** The index of `name`, or -1 when it is not a channel of this table. */
  indexOf(name: unknown): number;
}

/** Most channels a table may hold: routers keep a channel mask per agent in one 32-bit integer. */
export const MAX_CHANNELS = 31;

/** @internal A channel table over `names` (default: every `Channel`). */
export function channelTable(names: readonly string[] = CHANNELS): ChannelTable {
  if (names.length === 0 || names.length > MAX_CHANNELS || new Set(names).size !== names.length) {
    throw new RangeError(`a channel table holds 1 to ${MAX_CHANNELS} distinct names`);
  }
  return tableOf(names);
}

function tableOf(names: readonly string[]): ChannelTable {
  const frozen = Object.freeze([...names]);
  return {
    names: frozen,
    indexOf: (name) => (typeof name === 'string' ? frozen.indexOf(name) : -1),
  };
}

/**
 * @internal The table of every `Channel`, shared by engines that use the default. `CHANNELS` is a
 * handful of distinct names, so it needs none of {@link channelTable}'s checks, which then stay
 * out of the package's routing entry (only the internal factory builds other tables).
 */
export const DEFAULT_CHANNELS: ChannelTable = tableOf(CHANNELS);
