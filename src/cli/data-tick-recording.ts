/**
 * Reads a `quantflow stream --record DIR` recording (DIR/events.jsonl, the replay format of
 * `src/data/feed/replay-format.ts`) for `quantflow data import --recording DIR`: its trades and
 * quotes, per instrument, with their recorded `tsEvent` and `tsInit`. Book updates and bars are
 * counted, not imported (the catalog keeps bars from bar files and has no order-book table).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/input-error.js';
import { parseReplayLine, REPLAY_FILE } from '../data/feed/replay-format.js';
import type { TickKind } from '../data/catalog/tick-catalog.js';
import { sideCode } from '../data/catalog/trade-columns.js';
import type { FeedEvent } from '../data/feed/feed-event.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import { emptyTickRows, type DecimalColumn, type TickRows } from './data-tick-rows.js';
import { fileErrorsAsInput } from './file-errors.js';

/** What a recording holds for the catalog. */
export interface Recording {
  readonly file: string;
  /** Trades and quotes per instrument and kind, in order of first appearance. */
  readonly rows: TickRows[];
  /** Events not imported, by type. */
  readonly skipped: { book: number; bar: number };
}

/**
 * Reads the recording in folder `dir` (or the events file itself when `dir` is a file).
 *
 * @throws InputError naming file:line for a line that is not a well-formed event
 */
export function readRecording(dir: string): Recording {
  const file = existsSync(dir) && statSync(dir).isFile() ? dir : join(dir, REPLAY_FILE);
  const text = fileErrorsAsInput(file, 'cannot read the recording', () => readFileSync(file, 'utf8'));
  const rows = new Map<string, TickRows>();
  const skipped = { book: 0, bar: 0 };
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const content = lines[k].trim();
    if (content === '') continue; // a recording stopped mid-flush may end in a blank line
    let event: FeedEvent;
    try {
      event = parseReplayLine(content);
    } catch (e) {
      throw new InputError(`malformed event: ${(e as Error).message}`, { file, line: k + 1 });
    }
    if (event.type === 'book' || event.type === 'bar') {
      skipped[event.type]++;
      continue;
    }
    const kind: TickKind = event.type === 'trade' ? 'trades' : 'quotes';
    const target = rowsOf(rows, kind, file, event.data.instrumentId);
    const push = (column: DecimalColumn, value: { raw: number; precision: number }): void => {
      column.raw.push(value.raw);
      column.decimals.push(value.precision);
    };
    if (event.type === 'trade') {
      const t = event.data;
      if (t.tradeId === '') throw new InputError('malformed event: tradeId: empty', { file, line: k + 1 });
      push(target.prices[0], t.price);
      push(target.sizes[0], t.size);
      target.side.push(sideCode(t.aggressorSide));
      target.tradeId.push(t.tradeId);
    } else {
      const q = event.data;
      push(target.prices[0], q.bidPrice);
      push(target.prices[1], q.askPrice);
      push(target.sizes[0], q.bidSize);
      push(target.sizes[1], q.askSize);
    }
    target.line.push(k + 1);
    target.tsEvent.push(event.data.tsEvent);
    target.tsInit.push(event.data.tsInit);
  }
  return { file, rows: [...rows.values()], skipped };
}

function rowsOf(rows: Map<string, TickRows>, kind: TickKind, file: string, id: InstrumentId): TickRows {
  const key = `${kind} ${id}`;
  let found = rows.get(key);
  if (found === undefined) {
    found =
      kind === 'trades'
        ? emptyTickRows(kind, file, id, ['price'], ['size'])
        : emptyTickRows(kind, file, id, ['bid', 'ask'], ['bidSize', 'askSize']);
    rows.set(key, found);
  }
  return found;
}
