import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { instrumentIdFromFileName, readBarsCsv, type BarCsvData } from '../adapters/csv/bar-csv-reader.js';
import { formatBarsCsv } from '../adapters/csv/bar-csv-writer.js';
import { readInstrumentsFile } from '../adapters/csv/instrument-file.js';
import { formatTimestampUs, US } from '../core/clock.js';
import { InputError } from '../core/input-error.js';
import { BarCatalog } from '../data/catalog/bar-catalog.js';
import { INSTRUMENTS_FILE } from '../data/catalog/catalog-layout.js';
import { generateRandomWalkBars } from '../data/generators/random-walk-bars.js';
import type { Bar } from '../model/data/bar.js';
import { parseInstrumentId, type InstrumentId } from '../model/identifiers/instrument-id.js';
import type { Instrument } from '../model/instruments/instrument.js';
import { parseTimestampUs } from '../adapters/csv/timestamp-parser.js';
import { definitionFor, timeRangeOptions } from './backtest-job.js';
import { downloadBars } from './data-download.js';
import { importTicks, queryTicks } from './data-ticks.js';
import { fileErrorsAsInput } from './file-errors.js';
import { collect, countOption, durationOption, numberOption } from './option-parsers.js';

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
  data
    .command('import')
    .description(
      'import bar, trade or quote CSV files, or `stream --record` recordings, into a catalog (Parquet via DuckDB; see docs/catalog.md)',
    )
    .requiredOption('--catalog <dir>', 'catalog folder (created when missing)')
    .option('--kind <kind>', `what the CSV files hold: ${KINDS.join('|')}`, kindOption, 'bars')
    .option('-d, --data <csv>', 'CSV file, one instrument per file; repeatable', collect)
    .option('--file <csv>', 'same as --data', collect)
    .option('--instrument <id>', 'instrument id SYMBOL.VENUE of the CSV file (default: from its name)')
    .option(
      '--recording <dir>',
      'trades and quotes of a `quantflow stream --record` folder; repeatable',
      collect,
    )
    .option('--instruments <json>', 'instrument definitions (tick size, lot size, currency)')
    .action(importData);
  data
    .command('query')
    .description(
      'read bars, trades or quotes of one instrument from a catalog: print a summary or write them as CSV',
    )
    .requiredOption('--catalog <dir>', 'catalog folder')
    .requiredOption('--instrument <id>', 'instrument id SYMBOL.VENUE')
    .option('--kind <kind>', KINDS.join('|'), kindOption, 'bars')
    .option('--from <timestamp>', 'first time included (ISO-8601 or epoch)')
    .option('--to <timestamp>', 'first time excluded (ISO-8601 or epoch)')
    .option('-o, --out <csv>', 'write them here as CSV')
    .action(queryData);
  data
    .command('download')
    .description('download bar history from a venue into a catalog; resumes an interrupted download')
    .requiredOption('--venue <name>', 'alpaca, or a ccxt exchange id (binance, kraken, ...)')
    .requiredOption('--symbols <list>', 'comma-separated venue symbols: BTCUSDT,ETHUSDT or AAPL,MSFT')
    .option('--timeframe <tf>', 'bar timeframe: 1m, 5m, 1h, 1d, ...', '1m')
    .requiredOption('--from <timestamp>', 'first time included (ISO-8601 or epoch)')
    .option('--to <timestamp>', 'first time excluded (ISO-8601 or epoch; default and cap: now)')
    .requiredOption('--catalog <dir>', 'catalog folder (created when missing)')
    .option('--retries <n>', 'retries of a failed request, with backoff', retriesOption, 4)
    .option('--no-progress', 'no progress bar (it is only drawn on a terminal anyway)')
    .action(downloadBars);
}

const KINDS = ['bars', 'trades', 'quotes'] as const;
type Kind = (typeof KINDS)[number];

/** `--kind`: bars, trades or quotes. */
function kindOption(text: string): Kind {
  const kind = text.toLowerCase();
  if (!(KINDS as readonly string[]).includes(kind))
    throw new InputError(`option --kind: "${text}" must be one of ${KINDS.join(', ')}`);
  return kind as Kind;
}

/** `--retries`: an integer ≥ 0. */
function retriesOption(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < 0)
    throw new InputError(`option --retries: "${text}" must be an integer ≥ 0`);
  return value;
}

interface ImportOptions {
  catalog: string;
  kind: Kind;
  data?: string[];
  file?: string[];
  instrument?: string;
  recording?: string[];
  instruments?: string;
}

/** `data import`: bars CSV files, or ticks (CSV files of `--kind trades|quotes`, recordings). */
async function importData(opts: ImportOptions): Promise<void> {
  const files = [...(opts.data ?? []), ...(opts.file ?? [])];
  const recordings = opts.recording ?? [];
  if (files.length === 0 && recordings.length === 0)
    throw new InputError('option --data <csv> (or --file <csv>) or --recording <dir> is required');
  if (opts.instrument !== undefined && files.length !== 1)
    throw new InputError('option --instrument names the instrument of one CSV file');
  if (opts.kind !== 'bars' || files.length === 0) {
    await importTicks({
      catalog: opts.catalog,
      files,
      kind: opts.kind === 'bars' ? undefined : opts.kind,
      instrument: opts.instrument,
      recordings,
      instruments: opts.instruments,
    });
    return;
  }
  if (recordings.length > 0)
    throw new InputError('option --recording imports ticks: import bar files in another command');
  await importBars(opts.catalog, files, opts.instruments, opts.instrument);
}

/**
 * Reads every CSV first (so bad input writes nothing), then writes instrument by instrument. An
 * instrument already in the catalog is read with its stored definition (tick grid checked).
 */
async function importBars(
  catalogDir: string,
  files: string[],
  instrumentsFile: string | undefined,
  instrumentText: string | undefined,
): Promise<void> {
  let given: InstrumentId | undefined;
  if (instrumentText !== undefined) {
    const parsed = parseInstrumentId(instrumentText);
    if (!parsed.ok) throw new InputError(`option --instrument: ${parsed.error.reason}`);
    given = parsed.value;
  }
  const definitions = instrumentsFile === undefined ? new Map() : readInstrumentsFile(instrumentsFile);
  const exists = existsSync(join(catalogDir, INSTRUMENTS_FILE));
  const existing = exists ? await BarCatalog.open(catalogDir) : undefined;
  const loaded: { path: string; data: BarCsvData }[] = [];
  try {
    for (const path of files) {
      let instrument: Instrument | undefined =
        given === undefined ? definitionFor(path, definitions, instrumentsFile) : definitions.get(given);
      const id = instrument?.id ?? given ?? instrumentIdFromFileName(path);
      if (instrument === undefined && id !== undefined) instrument = existing?.instrument(id);
      const options =
        instrument !== undefined ? { instrument } : given !== undefined ? { instrumentId: given } : {};
      loaded.push({ path, data: readBarsCsv(path, options) });
    }
  } finally {
    existing?.close();
  }
  // A file in the way or a read-only folder is the user's to fix, not a bug.
  fileErrorsAsInput(catalogDir, 'cannot create the catalog', () =>
    mkdirSync(catalogDir, { recursive: true }),
  );
  const catalog = await BarCatalog.open(catalogDir, { create: true });
  try {
    let total = 0;
    for (const { path, data } of loaded) {
      const summary = await fsErrorsAsInput(catalogDir, 'cannot write to the catalog', () =>
        catalog.writeBars(data.instrument, data.bars),
      );
      total += summary.bars;
      process.stdout.write(
        `${summary.instrumentId}: ${summary.bars} bars from ${path} into ${summary.months.length} month(s), ${summary.replaced} replaced\n`,
      );
    }
    process.stdout.write(`imported ${total} bars into ${catalogDir}\n`);
  } finally {
    catalog.close();
  }
}

interface QueryOptions {
  catalog: string;
  instrument: string;
  kind: Kind;
  from?: string;
  to?: string;
  out?: string;
}

async function queryData(opts: QueryOptions): Promise<void> {
  const id = parseInstrumentId(opts.instrument);
  if (!id.ok) throw new InputError(`option --instrument: ${id.error.reason}`);
  if (opts.kind === 'bars') await queryBars(opts, id.value);
  else await queryTicks({ ...opts, kind: opts.kind, instrument: id.value });
}

async function queryBars(opts: QueryOptions, id: InstrumentId): Promise<void> {
  const { fromUs, toUs } = timeRangeOptions(opts.from, opts.to);
  const catalog = await BarCatalog.open(opts.catalog);
  let bars: Bar[];
  try {
    bars = await catalog.readBars(id, fromUs, toUs);
  } finally {
    catalog.close();
  }
  const range =
    bars.length === 0
      ? ''
      : `, first ${formatTimestampUs(bars[0].tsEvent)}, last ${formatTimestampUs(bars[bars.length - 1].tsEvent)}`;
  process.stdout.write(`${id}: ${bars.length} bars${range}\n`);
  if (opts.out !== undefined) {
    const out = opts.out;
    // Daily bars are written as dates, as `data generate` does and the sample files are.
    const daily = bars.every((bar) => bar.tsEvent % US.DAY === 0);
    const text = formatBarsCsv(bars, { timestamps: daily && bars.length > 0 ? 'date' : 'iso' });
    fileErrorsAsInput(out, 'cannot write bars', () => writeFileSync(out, text));
    process.stdout.write(`wrote ${bars.length} bars to ${out}\n`);
  }
}

/** {@link fileErrorsAsInput} for asynchronous work. */
async function fsErrorsAsInput<T>(path: string, what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    return fileErrorsAsInput(path, what, () => {
      throw error;
    });
  }
}
