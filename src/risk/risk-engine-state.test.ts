import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../core/clock.js';
import { Price } from '../model/types/price.js';
import { RiskCode, RiskState, type RiskStateChanged } from './risk-codes.js';
import type { RiskConfigInput } from './risk-limits.js';
import { order, S1, S2, setup, X } from './risk-test-fixture.js';

function withEvents(config: RiskConfigInput) {
  const world = setup(config);
  const events: RiskStateChanged[] = [];
  world.engine.onStateChange((event) => events.push(event));
  return { ...world, events };
}

describe('RiskEngine: circuit breaker', () => {
  it('daily loss: a loss equal to the limit stays ACTIVE, one cent more trips to HALTED with the numbers', () => {
    const { engine, events, clock } = withEvents({ node: { maxDailyLoss: '1000' } });
    engine.onEquity(10_000_000); // 100 000.00
    engine.onEquity(9_900_000); // loss 1000.00
    assert.equal(engine.state, RiskState.ACTIVE);
    assert.equal(events.length, 0);
    engine.onEquity(9_899_999);
    assert.equal(engine.state, RiskState.HALTED);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event.previous, RiskState.ACTIVE);
    assert.equal(event.state, RiskState.HALTED);
    assert.equal(event.cause, 'DAILY_LOSS');
    assert.equal(event.flatten, false);
    assert.equal(event.tsEvent, clock.timestampUs());
    assert.match(event.reason, /daily loss 1000\.01 USD exceeds the maximum 1000\.00 USD/);
    const denial = engine.check(S1, order('SELL', '1'));
    assert.equal(denial?.code, RiskCode.HALTED);
    assert.match(denial.reason, /1000\.01 USD/);
    // Further losses do not publish again.
    engine.onEquity(9_000_000);
    assert.equal(events.length, 1);
  });

  it('daily loss in percent of the day start', () => {
    const { engine } = withEvents({ node: { maxDailyLossPct: '2.5' } });
    engine.onEquity(10_000_000);
    engine.onEquity(9_750_000); // exactly 2.5 %
    assert.equal(engine.state, RiskState.ACTIVE);
    engine.onEquity(9_749_999);
    assert.equal(engine.state, RiskState.HALTED);
    assert.match(engine.stateReason, /more than 2\.5% of the day's starting equity 100000\.00 USD/);
  });

  it('drawdown from the peak: exactly the limit stays ACTIVE, below trips', () => {
    const { engine, events } = withEvents({ node: { maxDrawdownPct: 10 } });
    engine.onEquity(10_000_000);
    engine.onEquity(11_000_000); // new peak 110 000.00
    engine.onEquity(9_900_000); // 10 % below the peak
    assert.equal(engine.state, RiskState.ACTIVE);
    assert.equal(engine.peakEquityRaw, 11_000_000);
    engine.onEquity(9_899_999);
    assert.equal(engine.state, RiskState.HALTED);
    assert.equal(events[0].cause, 'DRAWDOWN');
    assert.match(
      events[0].reason,
      /drawdown 11000\.01 USD is more than 10% of the peak equity 110000\.00 USD/,
    );
  });

  it('a new UTC day takes the last equity before the boundary as its baseline', () => {
    const { engine, clock } = withEvents({ node: { maxDailyLoss: '1000' } });
    const day1 = Math.floor(clock.timestampUs() / US.DAY) * US.DAY;
    engine.onEquity(10_000_000);
    clock.setTime(day1 + 23 * US.HOUR);
    engine.onEquity(9_950_000); // −500 today
    clock.setTime(day1 + US.DAY + US.HOUR);
    engine.onEquity(9_860_000); // −900 against 99 500.00 (−1400 against yesterday's start)
    assert.equal(engine.state, RiskState.ACTIVE);
    assert.equal(engine.dayStartEquityRaw, 9_950_000);
    engine.onEquity(9_849_999);
    assert.equal(engine.state, RiskState.HALTED);
  });

  it('onTrip REDUCE with flattenOnTrip: REDUCING, listeners told to flatten', () => {
    const { engine, events } = withEvents({
      node: { maxDailyLoss: 100, onTrip: 'REDUCE', flattenOnTrip: true },
    });
    engine.onEquity(10_000_000);
    engine.onEquity(9_980_000);
    assert.equal(engine.state, RiskState.REDUCING);
    assert.equal(events[0].flatten, true);
    assert.equal(events[0].state, RiskState.REDUCING);
  });
});

describe('RiskEngine: REDUCING', () => {
  it('only orders that shrink the position without flipping it pass', () => {
    const { engine, view } = setup({});
    view.applyFill(S1, X, 'BUY', 10, Price.parse('100.00'));
    engine.reduceOnly('operator');
    assert.equal(engine.state, RiskState.REDUCING);
    assert.equal(engine.check(S1, order('SELL', '10')), undefined);
    const flip = engine.check(S1, order('SELL', '11'));
    assert.equal(flip?.code, RiskCode.REDUCING_ONLY);
    assert.match(flip.reason, /operator/);
    assert.match(flip.reason, /SELL 11 does not reduce the node position 10 in X\.SIM/);
    assert.equal(engine.check(S1, order('BUY', '1'))?.code, RiskCode.REDUCING_ONLY);
    // Flat in another strategy: nothing to reduce.
    assert.equal(engine.check(S2, order('SELL', '1'))?.code, RiskCode.REDUCING_ONLY);
  });

  it('resting reducing orders count: together they may not flip the position', () => {
    const { engine, view } = setup({});
    view.applyFill(S1, X, 'SELL', 10, Price.parse('100.00'));
    view.resting.push({ strategyId: S1, instrumentId: X, side: 'BUY', leavesRaw: 6 });
    engine.reduceOnly('drawdown');
    assert.equal(engine.check(S1, order('BUY', '4')), undefined);
    const denial = engine.check(S1, order('BUY', '5'));
    assert.equal(denial?.code, RiskCode.REDUCING_ONLY);
    assert.match(denial.reason, /6 already resting/);
  });

  it('other rules still apply to reducing orders', () => {
    const { engine, view } = setup({ node: { maxOrderQuantity: '5' } });
    view.applyFill(S1, X, 'BUY', 10, Price.parse('100.00'));
    engine.reduceOnly('test');
    assert.equal(engine.check(S1, order('SELL', '6'))?.code, RiskCode.MAX_ORDER_QTY);
  });
});

describe('RiskEngine: commands', () => {
  it('kill switch halts and asks to flatten, even when already halted; resume re-arms', () => {
    const { engine, events } = withEvents({ node: { maxDailyLoss: '1000' } });
    engine.onEquity(10_000_000);
    engine.halt('maintenance');
    assert.equal(events.at(-1)?.cause, 'MANUAL');
    assert.equal(events.at(-1)?.flatten, false);
    engine.killSwitch('user pressed the button');
    assert.equal(engine.state, RiskState.HALTED);
    assert.deepEqual(
      { ...events.at(-1), tsEvent: 0 },
      {
        type: 'RiskStateChanged',
        previous: RiskState.HALTED,
        state: RiskState.HALTED,
        cause: 'KILL_SWITCH',
        reason: 'user pressed the button',
        flatten: true,
        tsEvent: 0,
      },
    );
    assert.match(engine.check(S1, order('BUY', '1'))!.reason, /user pressed the button/);

    engine.onEquity(9_800_000); // −2000 while halted
    engine.resume('checked');
    assert.equal(engine.state, RiskState.ACTIVE);
    assert.equal(events.at(-1)?.state, RiskState.ACTIVE);
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    // The breaker is re-armed from 98 000.00: the old loss does not trip it again, a new one does.
    engine.onEquity(9_750_000);
    assert.equal(engine.state, RiskState.ACTIVE);
    engine.onEquity(9_699_999);
    assert.equal(engine.state, RiskState.HALTED);
  });

  it('halt in REDUCING escalates; a trip to REDUCING does not de-escalate HALTED', () => {
    const { engine, events } = withEvents({ node: { maxDrawdownPct: 1, onTrip: 'REDUCE' } });
    engine.onEquity(10_000_000);
    engine.halt('manual');
    engine.onEquity(5_000_000);
    assert.equal(engine.state, RiskState.HALTED);
    assert.equal(events.length, 1);
    engine.reduceOnly('let them close');
    assert.equal(engine.state, RiskState.REDUCING);
    engine.halt('again');
    assert.deepEqual(
      events.map((e) => `${e.previous}→${e.state}`),
      ['ACTIVE→HALTED', 'HALTED→REDUCING', 'REDUCING→HALTED'],
    );
  });

  it('unsubscribed listeners hear nothing more', () => {
    const { engine } = setup({});
    const seen: RiskState[] = [];
    const stop = engine.onStateChange((e) => seen.push(e.state));
    engine.halt('a');
    stop();
    engine.resume();
    assert.deepEqual(seen, [RiskState.HALTED]);
  });
});
