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

  it('addFinished lists a run made elsewhere as done, with its outcome as given, and runs nothing', async () => {
    const clock = new TestClock(5_000);
    const ran: string[] = [];
    const service = new InProcessBacktestService({
      clock,
      run: async (r) => {
        ran.push(r.strategy);
        return outcome(r.strategy);
      },
    });
    const report = {
      title: 'Backtest: cli',
      parameters: { fast: 3 },
      metrics: { trades: 1 },
      equity: [[1, 100] as const],
      drawdown: [[1, 0] as const],
      monthlyReturns: [],
      trades: [],
    };
    const cli = request('cli');
    const { id } = service.addFinished({
      request: cli,
      outcome: { ...outcome('cli'), report },
      startedUs: 1_000,
      finishedUs: 2_000,
    });
    assert.equal(id, 'BT-000001');
    const view = service.get(id);
    assert.deepEqual(view, {
      id,
      status: 'done',
      request: cli,
      submittedUs: 1_000,
      startedUs: 1_000,
      finishedUs: 2_000,
      metrics: { trades: 1 },
      summary: { bars: 1 },
      report,
    });
    assert.equal(service.report(id), '<p>cli</p>');
    assert.equal(service.list()[0].report, undefined, 'lists leave the report data out');

    // Ids go on from there; submitted jobs still run, the finished one is not run again.
    const next = service.submit(request('next'));
    assert.equal(next.id, 'BT-000002');
    await service.whenIdle();
    assert.deepEqual(ran, ['next']);
    assert.deepEqual(
      service.list().map((j) => [j.id, j.status]),
      [
        ['BT-000002', 'done'],
        ['BT-000001', 'done'],
      ],
    );

    // Without times, both are the clock's now.
    clock.setTime(9_000);
    const untimed = service.addFinished({ request: cli, outcome: outcome('cli') });
    assert.deepEqual(
      [
        service.get(untimed.id)?.startedUs,
        service.get(untimed.id)?.finishedUs,
        service.get(untimed.id)?.report,
      ],
      [9_000, 9_000, undefined],
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
