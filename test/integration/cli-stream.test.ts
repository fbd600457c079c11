import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertOk, quantflow, tempDir } from '../support/cli.js';

test('stream --venue sim: runs for its duration, prints a line per second and the health line, exits 0', () => {
  const dir = tempDir('qf-stream-');
  const run = quantflow(
    'stream',
    '--venue',
    'sim',
    '--symbols',
    'A,B',
    '--duration',
    '2s',
    '--bars',
    '1s',
    '--record',
    dir,
  );
  assertOk(run);
  const lines = run.stdout.trim().split('\n');
  assert.ok(lines.filter((l) => /^\[\d+s\] A\.SIM last .* \| B\.SIM last /.test(l)).length >= 2, run.stdout);
  assert.match(run.stdout, /feed SIM .* msg\/s \| latency p50 .* \| gaps 0 \| reconnects 0/);
  assert.match(run.stdout, /recorded \d+ events/);

  // Replaying the recording (10× faster) delivers the same events; only the receipt time differs.
  const events = (d: string) =>
    readFileSync(join(d, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.replace(/"tsInit":\d+,/, ''));
  const recorded = events(dir);
  assert.ok(recorded.length > 10);
  const again = tempDir('qf-replay-');
  const replay = quantflow(
    'stream',
    '--venue',
    'replay',
    '--input',
    dir,
    '--speed',
    '10',
    '--duration',
    '10s',
    '--record',
    again,
  );
  assertOk(replay);
  assert.match(replay.stdout, /feed REPLAY/);
  assert.deepEqual(events(again), recorded);
});

test('stream: bad options exit 1 with a clear message', () => {
  const cases: [string[], RegExp][] = [
    // Network venues: options checked before anything connects (cli-stream-venues.test.ts runs them).
    [['--venue', 'binance', '--duration', '2s', '--speed', '2'], /replay only/],
    [['--venue', 'alpaca', '--duration', '2s', '--symbols', 'AAPL,,MSFT'], /empty symbol/],
    [['--venue', 'nope', '--duration', '2s'], /unknown venue/],
    [['--duration', 'soon'], /not a duration/],
    [['--duration', '2s', '--bars', '7m'], /bar spec/],
    [['--duration', '2s', '--speed', '2'], /replay only/],
    [['--venue', 'replay', '--duration', '2s'], /--input/],
    [['--venue', 'replay', '--input', '/nonexistent-qf', '--duration', '2s'], /cannot read/],
  ];
  for (const [args, message] of cases) {
    const run = quantflow('stream', ...args);
    assert.equal(run.status, 1, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
});
