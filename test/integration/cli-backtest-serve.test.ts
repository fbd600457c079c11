/**
 * `quantflow backtest --serve` end to end: the real CLI in a child process runs a backtest on the
 * bundled sample data with `--out`, then serves it; over real HTTP the run is listed as a finished
 * backtest whose metrics, summary and report are those of its run files, the report page answers,
 * more backtests run over the API on the run's data folder, and the process ends by itself after
 * `--duration` (or on SIGTERM) with exit 0.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  assertOk,
  quantflow,
  quantflowAsync,
  readCsv,
  startQuantflow,
  tempDir,
  type RunningCli,
} from '../support/cli.js';

const RUN_ARGS = [
  'backtest',
  '--data',
  'data/sample/spy.csv',
  '--instruments',
  'data/sample/instruments.json',
  '--strategy',
  'sma-cross',
  '--param',
  'fast=5',
  '--no-progress',
];
const REPORT_LINE = /^report: (http:\/\/127\.0\.0\.1:(\d+))\/report\.html\?id=(BT-\d{6})$/m;
/** The last line printed before serving: once it is out, so are the URLs. */
const SERVING_LINE = /^API backtests read bar CSV files from (.+)\n/m;
const TRADER_KEY = 'trader-key-for-the-serve-test';

interface Job {
  id: string;
  status: string;
  request: { strategy: string; params: Record<string, unknown>; data: string[]; cash?: number };
  metrics?: Record<string, unknown>;
  summary?: Record<string, unknown>;
  report?: { title: string; equity: unknown[]; trades: unknown[]; parameters: Record<string, unknown> };
  error?: string;
}

/** The report URL's parts, once the CLI has printed all its serving lines. */
async function servedUrls(cli: RunningCli): Promise<RegExpExecArray> {
  await cli.waitFor(SERVING_LINE);
  const match = REPORT_LINE.exec(cli.stdout());
  assert.ok(match, cli.stdout());
  return match;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `${url}: ${await response.clone().text()}`);
  return (await response.json()) as T;
}

describe('quantflow backtest --serve', () => {
  test('serves the finished run (metrics, summary, report as in --out) and stops after --duration', async () => {
    const out = join(tempDir(), 'run');
    const cli = startQuantflow([...RUN_ARGS, '--out', out, '--serve', '--port', '0', '--duration', '5s']);
    const [, url, port, id] = await servedUrls(cli);
    assert.notEqual(port, '0', 'the printed URL shows the port actually bound');
    const table = cli.stdout().indexOf('│ backtest: sma-cross');
    assert.ok(table >= 0 && table < cli.stdout().indexOf('report: '), 'the summary table comes first');
    assert.match(cli.stdout(), new RegExp(`^results written to ${out}$`, 'm'));
    assert.match(cli.stdout(), new RegExp(`^API: ${url}/api/v1 \\(docs: ${url}/docs\\)$`, 'm'));
    const api = `${url}/api/v1`;

    const list = await getJson<Job[]>(`${api}/backtests`);
    assert.deepEqual(
      list.map((j) => [j.id, j.status]),
      [[id, 'done']],
    );
    assert.deepEqual(list[0].request, {
      strategy: 'sma-cross',
      params: { fast: 5, slow: 30, qty: 100 },
      data: ['spy.csv'],
      cash: 100_000,
    });

    const { summary, ...metrics } = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const job = await getJson<Job>(`${api}/backtests/${id}`);
    assert.deepEqual(job.metrics, metrics, 'the metrics of metrics.json');
    assert.deepEqual(job.summary, summary, 'the summary of metrics.json');
    // The report page draws the run from the report data: its equity curve and its round trips.
    assert.equal(job.report?.title, 'Backtest: sma-cross');
    assert.equal(job.report?.equity.length, readCsv(join(out, 'equity.csv')).rows.length);
    assert.equal(job.report?.trades.length, readCsv(join(out, 'trades.csv')).rows.length);
    assert.ok((job.report?.trades.length ?? 0) > 0, 'the run traded');

    const report = await fetch(`${api}/backtests/${id}/report`);
    assert.equal(report.status, 200);
    assert.match(report.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(await report.text(), readFileSync(join(out, 'report.html'), 'utf8'), 'report.html of --out');

    const page = await fetch(`${url}/report.html?id=${id}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /<div id="app">/);

    const run = await cli.exited;
    assertOk(run);
    assert.equal(run.stderr, '');
  });

  test('takes more backtests over the API on the data folder of the run; SIGTERM ends it cleanly', async () => {
    const cli = startQuantflow([...RUN_ARGS, '--serve', '--port', '0'], {
      QUANTFLOW_API_KEYS: `${TRADER_KEY}:trader`,
    });
    const [, url, , first] = await servedUrls(cli);
    assert.match(SERVING_LINE.exec(cli.stdout())?.[1] ?? '', /data[/\\]sample$/, 'the folder of spy.csv');
    const api = `${url}/api/v1`;

    const anonymous = await fetch(`${api}/backtests`, { method: 'POST' });
    assert.equal(anonymous.status, 401, 'submitting needs a key');
    const submitted = await fetch(`${api}/backtests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TRADER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ strategy: 'sma-cross', params: { fast: 3, slow: 8 }, data: ['qqq.csv'] }),
    });
    assert.equal(submitted.status, 202, await submitted.clone().text());
    const { id } = (await submitted.json()) as { id: string };
    assert.notEqual(id, first);

    let job = await getJson<Job>(`${api}/backtests/${id}`);
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await getJson<Job>(`${api}/backtests/${id}`);
    }
    assert.equal(job.status, 'done', job.error);
    assert.equal(job.summary?.bars, 504, 'all of data/sample/qqq.csv');
    assert.equal(job.summary?.startingCash, '100000.00', "the run's cash");
    assert.deepEqual(
      (await getJson<Job[]>(`${api}/backtests`)).map((j) => j.id),
      [id, first],
    );

    cli.kill('SIGTERM');
    const run = await cli.exited;
    assertOk(run);
  });

  test('bad serve options: one clear line and exit 1', async () => {
    for (const [args, message] of [
      [['--port', '9000'], /^error: option --port needs --serve\n$/],
      [['--duration', '5s'], /^error: option --duration needs --serve\n$/],
      [['--serve', '--port', '70000'], /^error: option --port: "70000" is not a port/],
      [['--serve', '--port', 'http'], /^error: option --port: "http" is not a port/],
      [['--serve', '--api-keys', 'no-such-keys.json'], /^error: .*no-such-keys\.json.*cannot read API keys/],
    ] as const) {
      const run = quantflow(...RUN_ARGS, ...args);
      assert.equal(run.status, 1, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '', `${args.join(' ')}: nothing is run`);
    }

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      const run = await quantflowAsync([...RUN_ARGS, '--serve', '--port', String(port), '--duration', '5s']);
      assert.equal(run.status, 1, run.stderr);
      assert.match(
        run.stderr,
        new RegExp(`^error: cannot serve on 127\\.0\\.0\\.1 port ${port}: .*EADDRINUSE`),
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
