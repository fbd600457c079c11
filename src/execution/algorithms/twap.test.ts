import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { Price } from '../../model/types/price.js';
import { algoHarness, T0, X } from './algo-harness.js';

const MIN = US.MINUTE;

const sizes = (h: ReturnType<typeof algoHarness>) => h.client.submitted.map((o) => o.quantity.toString());

describe('TWAP', () => {
  it('splits 10 into 3 slices on time (3, 3, 4) and completes', () => {
    const h = algoHarness();
    h.quote('99.99', '100.01');
    const parent = h.start({
      algo: 'TWAP',
      instrumentId: X,
      side: 'BUY',
      quantity: 10,
      durationUs: 3 * MIN,
      slices: 3,
    });
    assert.deepEqual(sizes(h), ['3']);
    h.at(MIN - 1);
    assert.deepEqual(sizes(h), ['3'], 'nothing before the second slice');
    h.at(MIN);
    assert.deepEqual(sizes(h), ['3', '3']);
    h.at(2 * MIN);
    assert.deepEqual(sizes(h), ['3', '3', '4']);
    // CROSS: a buy at the ask.
    assert.ok(
      h.client.submitted.every((o) => o.type === 'LIMIT' && o.spec.price!.equals(Price.parse('100.01'))),
    );
    assert.equal(parent.status, 'COMPLETED');
    assert.equal(parent.endReason, 'FILLED');
    assert.equal(parent.filledQty.toString(), '10');
    const ended = h.ofType('AlgoEnded');
    assert.equal(ended.length, 1);
    assert.equal(ended[0].tca.children, 3);
    assert.deepEqual(
      h.ofType('AlgoChildSent').map((e) => e.slice),
      [0, 1, 2],
    );
  });

  it('splits on the lot grid with an exact remainder (10 in lots of 0.5, 3 slices: 3.0, 3.5, 3.5)', () => {
    const h = algoHarness('0.5');
    h.quote('99.99', '100.01');
    h.start({ algo: 'TWAP', instrumentId: X, side: 'SELL', quantity: '10', durationUs: 3 * MIN, slices: 3 });
    h.at(MIN);
    h.at(2 * MIN);
    // 20 lots: cumulative floor(20·k/3) = 6, 13, 20 lots.
    assert.deepEqual(sizes(h), ['3.0', '3.5', '3.5']);
    assert.ok(
      h.client.submitted.every((o) => o.side === 'SELL' && o.spec.price!.equals(Price.parse('99.99'))),
    );
  });

  it('takes slices from intervalUs (ceil(duration / interval))', () => {
    const h = algoHarness();
    h.quote('99.99', '100.01');
    h.start({
      algo: 'TWAP',
      instrumentId: X,
      side: 'BUY',
      quantity: 7,
      durationUs: 10 * MIN,
      intervalUs: 4 * MIN,
    });
    // 3 slices: 2, 2, 3 lots at 0, 3m20s, 6m40s.
    for (let t = 0; t <= 10 * MIN; t += 10 * US.SECOND) h.at(t);
    assert.deepEqual(sizes(h), ['2', '2', '3']);
    assert.deepEqual(
      h.client.submitted.map((o) => o.tsInit - T0),
      [0, 200 * US.SECOND, 400 * US.SECOND],
    );
  });

  it('never prices a child beyond the limit; an unfilled slice carries over and the remainder is canceled at the end', () => {
    const h = algoHarness();
    h.quote('100.03', '100.05');
    const limit = Price.parse('100.00');
    const parent = h.start({
      algo: 'TWAP',
      instrumentId: X,
      side: 'BUY',
      quantity: 10,
      limitPrice: '100.00',
      durationUs: 4 * MIN,
      slices: 4,
    });
    // The ask is above the limit: the first slice rests at the limit.
    assert.deepEqual(sizes(h), ['2']);
    assert.equal(h.client.submitted[0].spec.price!.toString(), '100.00');
    h.at(MIN);
    // Slice 2: the stale child is canceled and its 2 join the next 3 (cumulative 5).
    assert.deepEqual(sizes(h), ['2', '5']);
    assert.equal(h.client.submitted[0].status, 'CANCELED');
    // The market comes into the limit: the resting child fills at the ask (99.99 ≤ 100.00).
    h.quote('99.98', '99.99');
    assert.equal(parent.filledQty.toString(), '5');
    h.quote('100.10', '100.20');
    h.at(2 * MIN);
    h.at(3 * MIN);
    // Slice 3 (target 7) rests 2 at the limit; slice 4 replaces it with all that is left (10 − 5).
    assert.deepEqual(sizes(h), ['2', '5', '2', '5']);
    for (const order of h.client.submitted)
      assert.ok(order.spec.price!.compare(limit) <= 0, `${order.spec.price} > limit`);
    h.at(4 * MIN);
    assert.equal(parent.status, 'COMPLETED');
    assert.equal(parent.endReason, 'END_TIME');
    assert.equal(parent.filledQty.toString(), '5');
    assert.ok(parent.children.every((c) => c.order.isTerminal));
    assert.equal(h.client.resting.length, 0);
    const before = h.client.submitted.length;
    h.at(5 * MIN);
    h.quote('99.00', '99.01');
    assert.equal(h.client.submitted.length, before, 'nothing is sent after the end');
    const tca = h.ofType('AlgoEnded')[0].tca;
    assert.equal(tca.fillRate, 0.5);
  });

  it('JOIN prices at the near touch (a sell at the ask), capped at the limit', () => {
    const h = algoHarness();
    h.quote('100.00', '100.04');
    h.start({
      algo: 'TWAP',
      instrumentId: X,
      side: 'SELL',
      quantity: 4,
      durationUs: 2 * MIN,
      slices: 2,
      pricing: 'JOIN',
      limitPrice: '100.06',
    });
    assert.equal(h.client.submitted[0].spec.price!.toString(), '100.06');
    h.quote('100.07', '100.09');
    // The resting sell at 100.06 is hit by the bid 100.07.
    assert.equal(h.client.submitted[0].status, 'FILLED');
    h.at(MIN);
    assert.equal(h.client.submitted[1].spec.price!.toString(), '100.09');
  });

  it('SWEEP sends the remainder at the end as one market order', () => {
    const h = algoHarness();
    const parent = h.start({
      algo: 'TWAP',
      instrumentId: X,
      side: 'BUY',
      quantity: 6,
      durationUs: 2 * MIN,
      slices: 2,
      atEnd: 'SWEEP',
    });
    // No market data yet: CROSS children wait for a price.
    assert.equal(h.client.submitted.length, 0);
    h.at(2 * MIN);
    // At the end the whole remainder goes out as one market order...
    assert.equal(h.client.submitted.length, 1);
    assert.equal(h.client.submitted[0].type, 'MARKET');
    assert.equal(h.client.submitted[0].quantity.toString(), '6');
    // ...which this venue, with no quote to fill at, cancels; then the parent ends.
    assert.equal(parent.status, 'COMPLETED');
    assert.equal(parent.filledQty.toString(), '0');
  });

  it('a protected SWEEP is an IOC limit at the protection price', () => {
    const h = algoHarness();
    const parent = h.start({
      algo: 'TWAP',
      instrumentId: X,
      side: 'BUY',
      quantity: 6,
      durationUs: 2 * MIN,
      slices: 2,
      atEnd: 'SWEEP',
      limitPrice: '100.00',
    });
    h.quote('100.02', '100.03');
    h.at(MIN);
    h.quote('99.99', '100.00');
    // The resting child (6 at 100.00) fills against the new ask: the sweep is not needed.
    assert.equal(parent.status, 'COMPLETED');
    assert.equal(parent.endReason, 'FILLED');

    const g = algoHarness();
    const p2 = g.start({
      algo: 'TWAP',
      instrumentId: X,
      side: 'BUY',
      quantity: 6,
      durationUs: 2 * MIN,
      slices: 2,
      atEnd: 'SWEEP',
      limitPrice: '100.00',
    });
    g.quote('100.02', '100.03');
    g.at(2 * MIN);
    const sweep = g.client.submitted.at(-1)!;
    assert.equal(sweep.quantity.toString(), '6');
    assert.equal(sweep.spec.timeInForce, 'IOC');
    assert.equal(sweep.spec.price!.toString(), '100.00');
    assert.equal(sweep.status, 'CANCELED', 'the ask is above the limit: nothing fills');
    assert.equal(p2.status, 'COMPLETED');
    assert.equal(p2.endReason, 'END_TIME');
    assert.ok(p2.children.every((c) => c.order.isTerminal));
  });

  it('waits for a cancel to be acknowledged before re-placing its remainder', () => {
    const h = algoHarness();
    h.quote('100.03', '100.05');
    h.client.holdCancels = true;
    const parent = h.start({
      algo: 'TWAP',
      instrumentId: X,
      side: 'BUY',
      quantity: 9,
      limitPrice: '100.00',
      durationUs: 3 * MIN,
      slices: 3,
    });
    h.at(MIN);
    assert.deepEqual(sizes(h), ['3'], 'the stale child is being canceled: nothing new yet');
    assert.ok(parent.children[0].cancelRequested);
    h.at(MIN + 1);
    assert.deepEqual(sizes(h), ['3']);
    h.client.flushCancels();
    assert.deepEqual(sizes(h), ['3', '6']);
    assert.ok(parent.committedRaw <= parent.totalRaw);
  });

  it('does not start before startUs', () => {
    const h = algoHarness();
    h.quote('99.99', '100.01');
    h.start({
      algo: 'TWAP',
      instrumentId: X,
      side: 'BUY',
      quantity: 2,
      startUs: T0 + MIN,
      durationUs: MIN,
      slices: 2,
    });
    h.at(MIN - 1);
    assert.equal(h.client.submitted.length, 0);
    h.at(MIN);
    assert.deepEqual(sizes(h), ['1']);
  });
});
