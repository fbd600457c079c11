import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Bar } from '../../model/data/bar.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { simpleInstrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { BarCatalog } from '../catalog/bar-catalog.js';
import { DownloadState, downloadKey } from './download-state.js';
import { DownloadError, downloadHistory } from './history-download.js';
import { TransientHistoryError, type HistoryPageRequest, type HistorySource } from './history-source.js';

const MIN = 60_000_000;
const ID = instrumentId('X', 'TEST');
const INSTRUMENT = simpleInstrument(ID, currency('USD'), 2, 0);
const bar = (minute: number): Bar => {
  const p = Price.fromRaw(10_000 + minute, 2);
  return Bar.of(ID, p, p, p, p, Quantity.fromRaw(1, 0), minute * MIN, minute * MIN);
};
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A venue with one bar a minute in [0, 100), pages of 10 after a time; scripted failures. */
function fakeSource(failures: Error[] = []): HistorySource & { requests: HistoryPageRequest[] } {
  const requests: HistoryPageRequest[] = [];
  return {
    venue: 'fake',
    timeframe: '1m',
    timeframeUs: MIN,
    requests,
    instrument: async () => INSTRUMENT,
    async fetchPage(request) {
      requests.push(request);
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      const first = Math.ceil(request.fromUs / MIN);
      const bars = [];
      for (let m = first; m < 100 && m * MIN < request.toUs && bars.length < 10; m++) bars.push(bar(m));
      return { bars, last: bars.length < 10 };
    },
    close: async () => {},
  };
}

async function setup(): Promise<{ root: string; catalog: BarCatalog; state: DownloadState }> {
  const root = mkdtempSync(join(tmpdir(), 'qf-download-'));
  dirs.push(root);
  return { root, catalog: await BarCatalog.open(root, { create: true }), state: DownloadState.read(root) };
}

test('only the holes of the completed ranges are asked for; each bar stored once', async () => {
  const { root, catalog, state } = await setup();
  state.complete(downloadKey(ID, '1m'), 20 * MIN, 50 * MIN);
  const source = fakeSource();
  const result = await downloadHistory({ catalog, state, source, symbol: 'X', fromUs: 0, toUs: 60 * MIN });
  assert.deepEqual(
    source.requests.map((r) => [r.fromUs / MIN, r.toUs / MIN]),
    [
      [0, 20],
      [10, 20],
      [50, 60],
    ],
  );
  assert.equal(result.bars, 30);
  assert.equal(result.skippedUs, 30 * MIN);
  assert.deepEqual(DownloadState.read(root).missing(downloadKey(ID, '1m'), 0, 60 * MIN), []);
  const stored = await catalog.readColumns(ID, 0, 60 * MIN);
  assert.equal(stored.length, 30, 'the fake catalog had nothing in [20, 50)');
  catalog.close();
});

test('transient failures are retried; others and exhausted retries name the time reached', async () => {
  const { catalog, state } = await setup();
  const sleeps: number[] = [];
  const sleep = async (us: number): Promise<void> => void sleeps.push(us);
  const common = { catalog, state, symbol: 'X', fromUs: 0, toUs: 30 * MIN, sleep };
  const flaky = fakeSource([new TransientHistoryError('reset')]);
  const ok = await downloadHistory({ ...common, source: flaky, maxRetries: 2 });
  assert.equal(ok.bars, 30);
  assert.equal(ok.requests, 4, 'a failed attempt, then 3 pages (the last ends on the range end)');
  assert.equal(sleeps.length, 1);

  const down = fakeSource([0, 1, 2].map(() => new TransientHistoryError('reset')));
  await assert.rejects(
    downloadHistory({ ...common, toUs: 40 * MIN, source: down, maxRetries: 2 }),
    (e: unknown) =>
      e instanceof DownloadError &&
      e.reachedUs === 30 * MIN &&
      /fake X: download failed at 1970-01-01T00:30:00\.000Z after 3 attempt\(s\): reset/.test(e.message),
  );
  const refused = fakeSource([new Error('401 unauthorized')]);
  await assert.rejects(
    downloadHistory({ ...common, toUs: 40 * MIN, source: refused, maxRetries: 5 }),
    /after 1 attempt\(s\): 401 unauthorized/,
  );
  catalog.close();
});
