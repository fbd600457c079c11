import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readBarsCsv } from '../../src/adapters/csv/bar-csv-reader.js';
import { INDICATOR_CATALOG } from '../../src/indicators/catalog/index.js';
import { Rsi } from '../../src/indicators/momentum/rsi.js';
import { Donchian } from '../../src/indicators/volatility/donchian.js';
import { tempDir } from '../support/cli.js';

const dir = tempDir('qf-ta-');

function quantflow(...args: string[]) {
  return spawnSync(process.execPath, ['dist/src/cli/main.js', ...args], { encoding: 'utf8' });
}

describe('quantflow ta', () => {
  test('writes the input columns, then one column per output, empty during warm-up', () => {
    const out = join(dir, 'ta.csv');
    const run = quantflow(
      'ta',
      '--data',
      'data/sample/spy.csv',
      '-i',
      'rsi(14)',
      '-i',
      'donchian(5)',
      '--out',
      out,
    );
    assert.equal(run.status, 0, run.stderr);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(
      lines[0],
      'timestamp,open,high,low,close,volume,rsi(14),donchian(5).upper,donchian(5).middle,donchian(5).lower',
    );
    const { bars } = readBarsCsv('data/sample/spy.csv');
    assert.equal(lines.length, bars.length + 1, 'one row per input row');
    const rsi = new Rsi(14);
    const donchian = new Donchian(5);
    bars.forEach((bar, i) => {
      const fields = lines[i + 1].split(',');
      assert.equal(fields[4], bar.close.toString());
      const r = rsi.update(bar.closeValue);
      assert.equal(fields[6], rsi.isReady ? String(r) : '', `rsi row ${i}`);
      const d = donchian.update({
        open: bar.openValue,
        high: bar.highValue,
        low: bar.lowValue,
        close: bar.closeValue,
        volume: bar.volumeValue,
      });
      assert.equal(fields[7], donchian.isReady ? String(d.upper) : '', `donchian row ${i}`);
    });
    assert.equal(lines[14].split(',')[6], '', 'rsi(14) is empty on the 14th bar');
    assert.notEqual(lines[15].split(',')[6], '', 'and set on the 15th');
  });

  test('--list shows every indicator with its parameters and outputs', () => {
    const run = quantflow('ta', '--list');
    assert.equal(run.status, 0);
    for (const entry of INDICATOR_CATALOG.values()) {
      assert.match(run.stdout, new RegExp(`^${entry.name.replace(/[-]/g, '\\-')}\\(`, 'm'), entry.name);
      assert.ok(run.stdout.includes(`outputs: ${entry.outputs.join(', ')}`), `${entry.name} outputs`);
    }
  });

  test('bad specs and arguments: exit 1 naming the indicator and argument', () => {
    const cases: [string, RegExp][] = [
      ['rsi(0)', /rsi\(period\): must be an integer ≥ 1, got 0/],
      ['rsi(-3)', /rsi\(period\)/],
      ['rsi(2.5)', /rsi\(period\)/],
      ['rsi(abc)', /argument period "abc" is not a number/],
      ['nosuch(3)', /unknown name 'nosuch'/],
      ['rsi(14,3)', /takes at most 1 argument/],
    ];
    for (const [spec, message] of cases) {
      const run = quantflow('ta', '--data', 'data/sample/spy.csv', '-i', spec);
      assert.equal(run.status, 1, spec);
      assert.match(run.stderr, message, spec);
      assert.equal(run.stdout, '');
    }
  });
});
