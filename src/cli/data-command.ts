import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatBarsCsv } from '../adapters/csv/bar-csv-writer.js';
import { US } from '../core/clock.js';
import { InputError } from '../core/input-error.js';
import { generateRandomWalkBars } from '../data/generators/random-walk-bars.js';
import { parseInstrumentId } from '../model/identifiers/instrument-id.js';
import { parseTimestampUs } from '../adapters/csv/timestamp-parser.js';
import { fileErrorsAsInput } from './file-errors.js';
import { countOption, durationOption, numberOption } from './option-parsers.js';

interface GenerateOptions {
  out: string;
  instrument: string;
  bars: number;
  interval: number;
  start: string;
  price: number;
  precision: number;
  volatility: number;
  drift: number;
  seed: number;
  weekdays: boolean;
}

/** `quantflow data ...`: data tools. */
export function registerDataCommand(program: Command): void {
  const data = program.command('data').description('data tools');
  data
    .command('generate')
    .description('write deterministic synthetic bars (a geometric random walk) as CSV')
    .requiredOption('-o, --out <csv>', 'output file')
    .option(
      '--instrument <id>',
      'instrument id SYMBOL.VENUE (only used for validation and naming)',
      'SYNTH.SIM',
    )
    .option('-n, --bars <count>', 'number of bars', countOption('bars'), 1000)
    .option('--interval <duration>', 'time between bars: 1m, 1h, 1d, ...', durationOption('interval'), US.DAY)
    .option('--start <timestamp>', 'time of the first bar (ISO-8601 or epoch)', '2020-01-01')
    .option('--price <value>', 'first open', numberOption('price', Number.MIN_VALUE), 100)
    .option('--precision <decimals>', 'price decimals', numberOption('precision', 0), 2)
    .option(
      '--volatility <fraction>',
      'standard deviation of log returns per bar',
      numberOption('volatility', 0),
      0.01,
    )
    .option('--drift <fraction>', 'mean log return per bar', numberOption('drift'), 0)
    .option('--seed <n>', 'random seed: same seed, same bars', numberOption('seed', 0), 42)
    .option('--weekdays', 'skip Saturdays and Sundays', false)
    .action((opts: GenerateOptions) => {
      const id = parseInstrumentId(opts.instrument);
      if (!id.ok) throw new InputError(`option --instrument: ${id.error.reason}`);
      const startUs = parseTimestampUs(opts.start);
      if (typeof startUs === 'string') throw new InputError(`option --start: ${startUs}`);
      let bars;
      try {
        bars = generateRandomWalkBars({
          instrumentId: id.value,
          count: opts.bars,
          startUs,
          intervalUs: opts.interval,
          startPrice: opts.price,
          pricePrecision: opts.precision,
          volatility: opts.volatility,
          drift: opts.drift,
          seed: opts.seed,
          weekdaysOnly: opts.weekdays,
        });
      } catch (error) {
        throw new InputError((error as Error).message);
      }
      const daily = opts.interval % US.DAY === 0 && startUs % US.DAY === 0;
      const text = formatBarsCsv(bars, { timestamps: daily ? 'date' : 'iso' });
      fileErrorsAsInput(opts.out, 'cannot write bars', () => writeFileSync(opts.out, text));
      process.stdout.write(`wrote ${bars.length} bars to ${opts.out}\n`);
    });
}
