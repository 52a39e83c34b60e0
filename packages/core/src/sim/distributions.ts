import type { RandomSource } from '../shared/index.js';
import type { Distribution } from './scenario.js';

/**
 * A sampler of `dist` in milliseconds, drawing from `random`.
 *
 * @internal
 */
export function sampler(dist: Distribution, random: RandomSource): () => number {
  switch (dist.type) {
    case 'exponential': {
      const mean = dist.mean * 1000;
      return () => -mean * Math.log(1 - random());
    }
    case 'lognormal': {
      // Parameters of the underlying normal from the requested mean and standard deviation.
      const sigma2 = Math.log(1 + (dist.sd * dist.sd) / (dist.mean * dist.mean));
      const mu = Math.log(dist.mean * 1000) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return () => {
        // Box-Muller; one normal per call keeps the number of draws per sample fixed.
        const u = 1 - random();
        const v = random();
        return Math.exp(mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
      };
    }
    case 'fixed': {
      const value = dist.value * 1000;
      return () => value;
    }
    case 'uniform': {
      const min = dist.min * 1000;
      const span = dist.max * 1000 - min;
      return () => min + span * random();
    }
  }
}

/** Mean of `dist` in seconds. @internal */
export function meanOf(dist: Distribution): number {
  switch (dist.type) {
    case 'exponential':
    case 'lognormal':
      return dist.mean;
    case 'fixed':
      return dist.value;
    case 'uniform':
      return (dist.min + dist.max) / 2;
  }
}

/**
 * A seed for an independent random stream named `label` under `seed` (FNV-1a over both, then
 * mixed), so that adding a stream never shifts the numbers another stream draws.
 *
 * @internal
 */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
