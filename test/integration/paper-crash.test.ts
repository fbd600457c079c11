/**
 * Crash test of the paper node: `quantflow paper` trading on the simulated venue (a strategy that
 * sends market orders, limit orders and cancels on nearly every trade print) is killed with
 * SIGKILL at random moments, 20 times, on one journal. After each kill:
 *
 * - every order and fill the node acknowledged (printed with `--print-events`, which happens only
 *   once the event is in the journal) is in the journal exactly once;
 * - the journal holds no fill twice (by order and trade id) and every fill's order was submitted;
 * - the restarted node rebuilds exactly the position and cash that the journal's fills sum to
 *   (cash to the cent), and goes on trading on the same journal.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteJournal } from '../../src/persistence/sqlite-journal.js';
import { SeededRandom } from '../../src/core/random.js';
import { CLI_MAIN, REPO_ROOT, tempDir } from '../support/cli.js';

const TRIALS = 20;
const STRATEGY = join(REPO_ROOT, 'test', 'fixtures', 'cli-strategies', 'churn.mjs');
const STARTING_CASH_CENTS = 100_000 * 100;

interface Session {
  /** Lines printed before the kill. */
  readonly lines: string[];
}

/** Starts a paper node and kills it `killAfterMs` after its first order event. */
function runUntilKilled(journal: string, seed: number, killAfterMs: number): Promise<Session> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        CLI_MAIN,
        'paper',
        '--strategy',
        STRATEGY,
        '--symbols',
        'BTCUSD',
        '--source',
        'walk',
        '--seed',
        String(seed),
        '--duration',
        '60s',
        '--bars',
        'none',
        '--journal',
        journal,
        '--print-events',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let armed = false;
    const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!armed && out.includes('event ')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      if (signal !== 'SIGKILL') reject(new Error(`paper node ended by itself (${code}): ${err}`));
      else resolve({ lines: out.split('\n') });
    });
  });
}

interface JournalSums {
  readonly submitted: Set<string>;
  readonly fills: Set<string>;
  readonly positionRaw: number;
  readonly cashCents: number;
}

/** Reads the journal as the test's own accounting: orders, fills, position and cash. */
function sumJournal(path: string): JournalSums {
  const journal = SqliteJournal.open(path);
  try {
    const submitted = new Set<string>();
    const fills = new Set<string>();
    let positionRaw = 0;
    let cashCents = STARTING_CASH_CENTS;
    for (const { record } of journal.read()) {
      if (record.type === 'SubmitOrder') {
        assert.ok(!submitted.has(record.clientOrderId), `order ${record.clientOrderId} submitted twice`);
        submitted.add(record.clientOrderId);
      } else if (record.type === 'OrderFilled') {
        const key = `${record.clientOrderId} ${record.tradeId}`;
        assert.ok(!fills.has(key), `fill ${key} journaled twice`);
        assert.ok(submitted.has(record.clientOrderId), `fill of ${record.clientOrderId}, never submitted`);
        fills.add(key);
        const qty = record.lastQty.raw; // size precision 0: whole units
        const notionalCents = record.lastPx.rawAt(2) * qty;
        positionRaw += record.side === 'BUY' ? qty : -qty;
        cashCents += (record.side === 'BUY' ? -notionalCents : notionalCents) - record.commission.raw;
      }
    }
    return { submitted, fills, positionRaw, cashCents };
  } finally {
    journal.close();
  }
}

test(`paper node killed with SIGKILL ${TRIALS} times: nothing acknowledged is lost or doubled`, async () => {
  const dir = tempDir('qf-crash-');
  const journal = join(dir, 'paper.sqlite');
  const random = new SeededRandom(20261122);
  let before: JournalSums | undefined;
  let totalFills = 0;
  for (let trial = 1; trial <= TRIALS; trial++) {
    const session = await runUntilKilled(journal, trial, 200 + Math.floor(random.next() * 1300));
    // The restarted node rebuilt what the journal held before this session.
    const restoredLine = session.lines.find((l) => l.startsWith('journal '));
    if (before !== undefined) {
      assert.ok(restoredLine !== undefined, `trial ${trial}: no restore line`);
      const position = before.positionRaw === 0 ? 'flat' : `BTCUSD.SIM ${before.positionRaw}`;
      assert.match(
        restoredLine,
        new RegExp(
          `restored ${before.submitted.size} orders, ${before.fills.size} fills; position ${position};`,
        ),
      );
      const cash = (before.cashCents / 100).toFixed(2);
      assert.ok(
        restoredLine.endsWith(`cash ${cash} USD`),
        `trial ${trial}: ${restoredLine} (journal says cash ${cash})`,
      );
    }
    const after = sumJournal(journal);
    for (const line of session.lines) {
      const [word, type, clientOrderId, tradeId] = line.split(' ');
      if (word !== 'event') continue;
      assert.ok(
        after.submitted.has(clientOrderId),
        `trial ${trial}: acknowledged order ${clientOrderId} not in the journal`,
      );
      if (type === 'OrderFilled')
        assert.ok(
          after.fills.has(`${clientOrderId} ${tradeId}`),
          `trial ${trial}: acknowledged fill ${tradeId} lost`,
        );
    }
    totalFills = after.fills.size;
    before = after;
  }
  assert.ok(
    totalFills > TRIALS,
    `only ${totalFills} fills over ${TRIALS} sessions: the test exercised too little`,
  );
});
