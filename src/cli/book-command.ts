import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../core/input-error.js';
import { OrderBook } from '../matching/book/order-book.js';
import { lineOfOperation, parseOrderStream, type OrderStream } from '../matching/replay/order-stream.js';
import {
  REPLAY_CHECK_KEYS,
  findRefusedCancels,
  replayOrderStream,
  type ReplayResult,
} from '../matching/replay/replay.js';
import { fileErrorsAsInput } from './file-errors.js';

interface ReplayOptions {
  orders: string;
  json?: boolean;
}

/** `quantflow book ...`: order book tools. */
export function registerBookCommand(program: Command): void {
  const book = program.command('book').description('order book tools');
  book
    .command('replay')
    .description(
      'replay an order-stream CSV (op,id,side,price,qty) through the order book and print its final state',
    )
    .requiredOption('--orders <csv>', 'order-stream CSV file')
    .option('--json', 'print the final state as JSON (checks and stats, as in orders.expected.json)')
    .action((opts: ReplayOptions) => {
      const path = opts.orders;
      const bytes = fileErrorsAsInput(path, 'cannot read orders', () => readFileSync(path));
      const stream = parseOrderStream(bytes, path);
      const result = replayOrderStream(new OrderBook(), stream);
      if (result.refusedCancels > 0) throw refusedCancelError(stream, result, path);
      process.stdout.write(opts.json ? formatJson(stream, result) : formatLine(result));
    });
}

/**
 * The final state as one line of `key=value` pairs: the format's checks in their order, then
 * `trades=` and `tradedVol=`. A side with no order has `bestBid=none` / `bestAsk=none`.
 */
export function formatLine(result: ReplayResult): string {
  const pairs = REPLAY_CHECK_KEYS.map((key) => `${key}=${result.checks[key] ?? 'none'}`);
  pairs.push(`trades=${result.trades}`, `tradedVol=${result.tradedVol}`);
  return pairs.join(' ') + '\n';
}

/** The final state shaped like orders.expected.json: `checks`, and `stats` with the operation counts. */
function formatJson(stream: OrderStream, result: ReplayResult): string {
  const stats = {
    n: stream.length,
    limits: stream.limits,
    cancels: stream.cancels,
    markets: stream.markets,
    trades: result.trades,
    tradedVol: result.tradedVol,
  };
  return JSON.stringify({ checks: result.checks, stats }, null, 2) + '\n';
}

/**
 * A cancel of an order that is not resting breaks the format (a cancel names a resting order), so
 * the file is rejected. The replay only counts them; a second, slower replay finds the first.
 */
function refusedCancelError(stream: OrderStream, result: ReplayResult, path: string): InputError {
  const [first] = findRefusedCancels(new OrderBook(), stream, 1);
  const others = result.refusedCancels - 1;
  const more = others > 0 ? `; ${others} more such cancel${others === 1 ? '' : 's'} in the file` : '';
  return new InputError(
    `cancel of order ${stream.ids[first]}, which is not resting at that moment (filled or canceled earlier${more}) [UNKNOWN_ORDER]`,
    { file: path, line: lineOfOperation(first) },
  );
}
