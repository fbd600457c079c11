/**
 * `determinism`: the CLI run twice on the same generated CSV must write byte-identical
 * outputs. Generates 200,000 one-minute bars with `quantflow data generate`, runs
 * `quantflow backtest --strategy sma-cross` into two temporary directories, compares every
 * output file, and removes the temporary directories.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { log, round } from './measure.js';
import type { BenchEntry } from './report.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const BARS = 200_000;
const EXPECTED = ['equity.csv', 'fills.csv', 'metrics.json', 'run.json', 'trades.csv'];

/** Runs the CLI; throws with its stderr when it fails. Returns the wall time, seconds. */
function cli(args: string[]): number {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) {
    throw new Error(
      `quantflow ${args.join(' ')} failed (status ${run.status}, signal ${run.signal}): ${run.stderr || run.error?.message}`,
    );
  }
  return (performance.now() - t0) / 1000;
}

interface FileComparison {
  readonly file: string;
  readonly bytes: number | null;
  readonly identical: boolean;
  readonly sha256: string | null;
}

function compareDirs(a: string, b: string): FileComparison[] {
  const names = [...new Set([...EXPECTED, ...readdirSync(a), ...readdirSync(b)])].sort();
  return names.map((file) => {
    const pa = join(a, file);
    const pb = join(b, file);
    if (!existsSync(pa) || !existsSync(pb)) return { file, bytes: null, identical: false, sha256: null };
    const ca = readFileSync(pa);
    const cb = readFileSync(pb);
    const identical = ca.equals(cb);
    return {
      file,
      bytes: ca.length,
      identical,
      sha256: identical ? createHash('sha256').update(ca).digest('hex').slice(0, 16) : null,
    };
  });
}

export function benchDeterminism(): BenchEntry {
  const dirs: string[] = [];
  const temp = (prefix: string): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  try {
    const csv = join(temp('quantflow-bench-data-'), 'SYNTH.csv');
    const outA = temp('quantflow-bench-run-a-');
    const outB = temp('quantflow-bench-run-b-');
    log(`determinism: generating ${BARS.toLocaleString('en-US')} bars into ${csv}`);
    cli([
      'data',
      'generate',
      '--out',
      csv,
      '--bars',
      String(BARS),
      '--interval',
      '1m',
      '--start',
      '2024-01-01T00:00:00Z',
      '--seed',
      '7',
      '--volatility',
      '0.001',
    ]);
    const backtest = (out: string): number => {
      log(`determinism: quantflow backtest --out ${out}`);
      return cli(['backtest', '--data', csv, '--strategy', 'sma-cross', '--out', out, '--no-progress']);
    };
    const secondsA = backtest(outA);
    const secondsB = backtest(outB);
    const files = compareDirs(outA, outB);
    const pass = files.every((f) => f.identical);
    log(
      `determinism: ${files.map((f) => `${f.file} ${f.identical ? 'identical' : 'DIFFERENT'}`).join(', ')}`,
    );
    return {
      name: 'determinism',
      measures: `the CLI backtest (sma-cross, defaults) run twice on the same ${BARS.toLocaleString('en-US')}-bar generated CSV writes byte-identical fills.csv, trades.csv, equity.csv, metrics.json and run.json`,
      bars: BARS,
      bestSeconds: null,
      barsPerSecond: null,
      target: null,
      pass,
      ratios: {},
      details: {
        files,
        cliSecondsPerRun: [round(secondsA), round(secondsB)],
        note: 'CLI seconds are end to end (process start, CSV parsing, backtest, metrics, writing files)',
      },
    };
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
