import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readBarsCsv } from '../adapters/csv/bar-csv-reader.js';
import { formatBarsCsv } from '../adapters/csv/bar-csv-writer.js';
import { InputError } from '../core/input-error.js';
import { INDICATOR_CATALOG } from '../indicators/catalog/index.js';
import { parseIndicatorSpec, type ParsedIndicator } from '../indicators/catalog/indicator-spec.js';
import type { Candle, Indicator } from '../indicators/indicator.js';
import type { Bar } from '../model/data/bar.js';
import { collect } from './option-parsers.js';
import { fileErrorsAsInput } from './file-errors.js';

interface TaOptions {
  data?: string;
  indicator?: string[];
  out?: string;
  list?: boolean;
}

/** `quantflow ta`: indicators over a bars file, one output row per input row. */
export function registerTaCommand(program: Command): void {
  program
    .command('ta')
    .description('compute technical indicators over a bars CSV (one row per input row)')
    .option('-d, --data <csv>', 'bars CSV file')
    .option('-i, --indicator <spec>', 'indicator spec name(arg,...), e.g. "rsi(14)"; repeatable', collect)
    .option('-o, --out <csv>', 'write here instead of standard output')
    .option('--list', 'list every indicator with its parameters and outputs')
    .action((opts: TaOptions) => {
      if (opts.list) {
        process.stdout.write(formatCatalog());
        return;
      }
      if (opts.data === undefined) throw new InputError('option --data <csv> is required (or --list)');
      if (opts.indicator === undefined || opts.indicator.length === 0) {
        throw new InputError('option --indicator <spec> is required, e.g. --indicator "rsi(14)"');
      }
      const indicators = opts.indicator.map((spec) => {
        try {
          return parseIndicatorSpec(spec);
        } catch (error) {
          throw new InputError(`option --indicator: ${(error as Error).message}`);
        }
      });
      const { bars } = readBarsCsv(opts.data);
      const text = computeTable(bars, indicators, opts.data);
      if (opts.out === undefined) process.stdout.write(text);
      else {
        const out = opts.out;
        fileErrorsAsInput(out, 'cannot write indicators', () => writeFileSync(out, text));
        process.stderr.write(`wrote ${bars.length} rows to ${out}\n`);
      }
    });
}

/**
 * The input rows (as `formatBarsCsv` writes them) followed by one column per indicator
 * output; a field is empty while its indicator warms up.
 */
export function computeTable(
  bars: readonly Bar[],
  indicators: readonly ParsedIndicator[],
  file: string,
): string {
  const daily = bars.every((b) => b.tsEvent % 86_400_000_000 === 0);
  const lines = formatBarsCsv(bars, { timestamps: daily ? 'date' : 'iso' }).split('\n');
  const header = [lines[0], ...indicators.flatMap((p) => p.columns)].join(',');
  const out = [header];
  const candle = { open: 0, high: 0, low: 0, close: 0, volume: 0, time: 0 };
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i];
    candle.open = bar.openValue;
    candle.high = bar.highValue;
    candle.low = bar.lowValue;
    candle.close = bar.closeValue;
    candle.volume = bar.volumeValue;
    candle.time = bar.tsEvent;
    let row = lines[i + 1];
    for (const p of indicators) {
      let value: unknown;
      try {
        value =
          p.entry.input === 'close'
            ? (p.indicator as Indicator<number, unknown>).update(candle.close)
            : (p.indicator as Indicator<Candle, unknown>).update(candle);
      } catch (error) {
        throw new InputError(`${p.spec}: ${(error as Error).message}`, { file, line: i + 2 });
      }
      const ready = p.indicator.isReady;
      if (typeof value === 'number') row += ',' + (ready ? format(value) : '');
      else
        for (const field of p.entry.outputs)
          row += ',' + (ready ? format((value as Record<string, number>)[field]) : '');
    }
    out.push(row);
  }
  return out.join('\n') + '\n';
}

/** Shortest text that reads back to the same double; empty for NaN (undefined at this row). */
function format(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

function formatCatalog(): string {
  const lines: string[] = [];
  for (const entry of INDICATOR_CATALOG.values()) {
    const params = entry.params.map((p) => `${p.name}=${p.default}`).join(', ');
    lines.push(`${entry.name}(${params}) — ${entry.description}`);
    lines.push(
      `    input: ${entry.input}; outputs: ${entry.outputs.join(', ')}${entry.scale ? `; scale ${entry.scale}` : ''}`,
    );
    for (const p of entry.params) lines.push(`    ${p.name} (default ${p.default}): ${p.description}`);
  }
  return lines.join('\n') + '\n';
}
