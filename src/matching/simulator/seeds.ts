/**
 * Independent random streams from one seed. Each agent (and the fundamental value) draws from its
 * own generator, so adding a population or changing one agent's behaviour does not reshuffle the
 * random numbers every other agent sees.
 */
import { SeededRandom } from '../../core/random.js';

/** A 32-bit seed for stream `stream` of run seed `seed` (murmur3's finaliser over both). */
export function deriveSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul((stream + 1) >>> 0, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The generator of stream `stream` of run seed `seed`. */
export function streamRandom(seed: number, stream: number): SeededRandom {
  return new SeededRandom(deriveSeed(seed, stream));
}

/** Stream numbers not used by agents (agents use their owner id). */
export const STREAM = { FUNDAMENTAL: 0x7fff_0001 } as const;
