import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AvellanedaStoikovMaker,
  avellanedaStoikovQuote,
  optimalSpread,
  quoteSizes,
  reservationPrice,
  roundQuotes,
} from './avellaneda-stoikov.js';
import { parseAvellanedaStoikovParams, parseSimulationConfig } from './config.js';
import { runSimulation } from './market-simulator.js';
import { createOrderBook } from './order-book-factory.js';
import { buildPopulationAgents, historyNeededUs } from './population-agents.js';
import { VolatilityEstimator } from './volatility-estimator.js';

const close = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe('Avellaneda–Stoikov formulas (hand-computed)', () => {
  test('s = 100, q = 2, γ = 0.1, σ = 2, τ = 10 s, κ = 1.5', () => {
    // γσ²τ = 0.1 · 4 · 10 = 4, so r = 100 − 2 · 4 = 92.
    close(reservationPrice(100, 2, 0.1, 2, 10), 92, 'r');
    // δ = 4 + (2/0.1) · ln(1 + 0.1/1.5) = 4 + 20 · ln(16/15) = 4 + 20 · 0.0645385211 = 5.290770422.
    close(optimalSpread(0.1, 2, 10, 1.5), 5.290770422, 'δ');
    const q = avellanedaStoikovQuote({ mid: 100, inventory: 2, gamma: 0.1, sigma: 2, tau: 10, kappa: 1.5 });
    close(q.bid, 92 - 2.645385211, 'bid');
    close(q.ask, 92 + 2.645385211, 'ask');
    // Away from the mid on the grid: 89.35 → 89, 94.65 → 95.
    assert.deepEqual(roundQuotes(q.bid, q.ask), { bid: 89, ask: 95 });
  });

  test('short inventory raises the reservation price: s = 50.5, q = −3, γ = 0.5, σ = 1, τ = 2, κ = 0.5', () => {
    // γσ²τ = 1: r = 50.5 + 3 = 53.5; δ = 1 + 4 · ln 2 = 3.772588722; quotes 51.6137, 55.3863.
    const q = avellanedaStoikovQuote({ mid: 50.5, inventory: -3, gamma: 0.5, sigma: 1, tau: 2, kappa: 0.5 });
    close(q.reservationPrice, 53.5, 'r');
    close(q.spread, 1 + 4 * Math.LN2, 'δ');
    assert.deepEqual(roundQuotes(q.bid, q.ask), { bid: 51, ask: 56 });
  });

  test('flat inventory: symmetric around the mid; τ = 0 leaves only the (2/γ)·ln(1 + γ/κ) term', () => {
    const q = avellanedaStoikovQuote({ mid: 10, inventory: 0, gamma: 1, sigma: 3, tau: 0, kappa: 1 });
    close(q.reservationPrice, 10, 'r');
    close(q.spread, 2 * Math.LN2, 'δ = 2 ln 2');
  });

  test('rounding keeps quotes passive against the other side', () => {
    // A bid at or above the best ask drops to one tick below it; an ask at or below the best bid rises.
    assert.deepEqual(roundQuotes(101.2, 103.5, 100, 101), { bid: 100, ask: 104 });
    assert.deepEqual(roundQuotes(97.5, 99.7, 100, 102), { bid: 97, ask: 101 });
    // A zero spread on an integer still gives ask > bid.
    assert.deepEqual(roundQuotes(100, 100), { bid: 100, ask: 101 });
  });

  test('quote sizes stop the side that would breach the inventory limit', () => {
    assert.deepEqual(quoteSizes(5, 0, 10), { bid: 5, ask: 5 });
    assert.deepEqual(quoteSizes(5, 5, 10), { bid: 5, ask: 5 });
    assert.deepEqual(quoteSizes(5, 6, 10), { bid: 0, ask: 5 });
    assert.deepEqual(quoteSizes(5, -10, 10), { bid: 5, ask: 0 });
  });
});

describe('VolatilityEstimator', () => {
  test('Σ Δmid² / Σ Δt, with the prior until warmed up', () => {
    const est = new VolatilityEstimator(1e9, 2);
    est.update(0, 100);
    est.update(1_000_000, 102); // +2 over 1 s
    assert.equal(est.isReady, false);
    assert.equal(est.sigma(7), 7);
    est.update(3_000_000, 100); // −2 over 2 s
    assert.equal(est.isReady, true);
    // (4 + 4) / 3 s (the decay over 3 s with a huge window is ~1).
    close(est.sigma(7) ** 2, 8 / 3, 'σ²');
  });
});

describe('AvellanedaStoikovMaker in the simulator', () => {
  function run(params: Record<string, string>, seconds: number) {
    const config = parseSimulationConfig({ seed: 5 });
    const agents = buildPopulationAgents(config);
    const maker = new AvellanedaStoikovMaker(parseAvellanedaStoikovParams(params));
    const summary = runSimulation({
      config,
      bookFactory: createOrderBook,
      durationUs: seconds * 1_000_000,
      agents: [...agents, maker],
      historyUs: historyNeededUs(config),
    });
    return {
      summary,
      report: maker.report(summary.finalMark, config.instrument),
      account: summary.agents.at(-1),
    };
  }

  test('never exceeds its inventory limit, and reports what the simulator booked', () => {
    // A small limit and a strong informed drift make the limit bind.
    const { report, account } = run({ maxInventory: '10', size: '5', gamma: '0.001' }, 120);
    assert.ok(account !== undefined);
    assert.ok(report.fills.count > 0, 'it trades');
    assert.ok(report.inventory.maxAbs <= 10, `max |inventory| ${report.inventory.maxAbs}`);
    // Close enough to the limit that the rule had to stop a side (|q| + 5 > 10).
    assert.ok(
      report.inventory.maxAbs > 5,
      `max |inventory| ${report.inventory.maxAbs}: the limit never engaged`,
    );
    assert.equal(account.maxAbsPosition, report.inventory.maxAbs);
    assert.equal(account.finalPosition, report.inventory.final);
    assert.equal(account.cash, report.pnl.cashTicks);
    assert.equal(account.pnlTicks, report.pnl.ticks);
    assert.equal(account.takerVolume, 0, 'post-only quotes: it only provides liquidity');
    assert.equal(report.fills.quantity, report.fills.bought + report.fills.sold);
    assert.ok(report.fillRate.byQuantity !== null && report.fillRate.byQuantity > 0);
    assert.equal(report.fillRate.byQuantity, report.fills.quantity / report.quotes.quantity);
    assert.equal(report.fillRate.byCount, report.fills.count / report.quotes.count);
    assert.deepEqual(
      report.adverseSelection.map((m) => m.horizonSeconds),
      [1, 10],
    );
    assert.ok(report.adverseSelection[0].fills > 0);
    assert.equal(report.sigma.estimated, true);
    assert.ok(report.sigma.final > 0);
  });

  test('a fixed σ is used as given; a session horizon runs', () => {
    const { report } = run({ sigma: '0.5', horizon: 'session' }, 30);
    assert.deepEqual(report.sigma, { final: 0.5, estimated: false });
    assert.equal(report.params.horizon, 'session');
  });
});
