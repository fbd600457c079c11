import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestClock } from '../../core/clock.js';
import type { BacktestOutcome, BacktestRequest } from './backtest-service.js';
import { InProcessBacktestService } from './backtest-service.js';

const outcome = (name: string): BacktestOutcome =>
  ({
    metrics: { trades: 1 },
    summary: { bars: 1 },
    reportHtml: `<p>${name}</p>`,
  }) as unknown as BacktestOutcome;
const request = (strategy: string): BacktestRequest => ({ strategy, params: {}, data: [] });

describe('InProcessBacktestService', () => {
  it('runs jobs one at a time in order; failures are recorded with their message', async () => {
    const clock = new TestClock(1_000);
    let active = 0;
    let most = 0;
    const order: string[] = [];
    const service = new InProcessBacktestService({
      clock,
      run: async (r) => {
        active++;
        most = Math.max(most, active);
        order.push(r.strategy);
        await new Promise((resolve) => setImmediate(resolve));
        active--;
        if (r.strategy === 'bad') throw new Error('no such data');
        return outcome(r.strategy);
      },
    });
    const a = service.submit(request('a'));
    const bad = service.submit(request('bad'));
    const c = service.submit(request('c'));
    assert.equal(service.get(c.id)?.status, 'queued');
    await service.whenIdle();
    assert.equal(most, 1);
    assert.deepEqual(order, ['a', 'bad', 'c']);
    assert.equal(service.get(a.id)?.status, 'done');
    assert.equal(service.report(a.id), '<p>a</p>');
    assert.deepEqual([service.get(bad.id)?.status, service.get(bad.id)?.error], ['failed', 'no such data']);
    assert.equal(service.report(bad.id), undefined);
    assert.deepEqual(
      service.list().map((j) => j.request.strategy),
      ['c', 'bad', 'a'],
    );
  });

  it('forgets the oldest finished jobs past `keep`', async () => {
    const service = new InProcessBacktestService({
      clock: new TestClock(),
      run: async (r) => outcome(r.strategy),
      keep: 2,
    });
    const first = service.submit(request('1'));
    await service.whenIdle();
    service.submit(request('2'));
    await service.whenIdle();
    service.submit(request('3'));
    await service.whenIdle();
    assert.equal(service.get(first.id), undefined);
    assert.equal(service.list().length, 2);
  });
});
