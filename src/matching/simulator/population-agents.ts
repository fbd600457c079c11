/**
 * Turns a configuration's populations into agents, in configuration order. The agent at index i
 * gets owner id i + 1 and its own random stream (seed, i + 1), so results do not depend on how
 * the simulator interleaves their draws.
 */
import type { SimAgent } from './agent.js';
import { InformedTrader } from './agents/informed-trader.js';
import { MarketMaker } from './agents/market-maker.js';
import { NoiseTrader } from './agents/noise-trader.js';
import { TrendTrader } from './agents/trend-trader.js';
import { populationName, secondsToUs, type PopulationConfig, type SimulationConfig } from './config.js';
import { streamRandom } from './seeds.js';

/** The agents of every population, owner ids 1..n in order. */
export function buildPopulationAgents(config: SimulationConfig): SimAgent[] {
  const agents: SimAgent[] = [];
  for (const population of config.populations) {
    for (let i = 0; i < population.count; i++) {
      agents.push(makeAgent(population, streamRandom(config.seed, agents.length + 1)));
    }
  }
  return agents;
}

/** The longest trade-price lookback (µs) any population uses: how much history the simulator keeps. */
export function historyNeededUs(config: SimulationConfig): number {
  let longest = 0;
  for (const p of config.populations) {
    if (p.kind === 'momentum' || p.kind === 'mean-reversion')
      longest = Math.max(longest, secondsToUs(p.lookback));
  }
  return longest;
}

function makeAgent(p: PopulationConfig, rng: ReturnType<typeof streamRandom>): SimAgent {
  const name = populationName(p);
  switch (p.kind) {
    case 'noise':
      return new NoiseTrader(name, p, rng);
    case 'momentum':
    case 'mean-reversion':
      return new TrendTrader(name, p, rng);
    case 'informed':
      return new InformedTrader(name, p, rng);
    case 'market-maker':
      return new MarketMaker(name, p, rng);
  }
}
