import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../core/input-error.js';
import { parseInstrumentsJson, readInstrumentsFile } from './instrument-file.js';

function fails(json: string, pattern: RegExp, file = 'instruments.json'): void {
  assert.throws(
    () => parseInstrumentsJson(json, file),
    (e: unknown) => {
      assert.ok(e instanceof InputError, String(e));
      assert.ok(e.message.startsWith(`${file}`), e.message);
      assert.match(e.message, pattern);
      return true;
    },
  );
}

test('reads instruments exactly, with defaults for optional fields', () => {
  const map = parseInstrumentsJson(
    JSON.stringify([
      { id: 'AAPL.XNAS', tickSize: '0.01', lotSize: '1', currency: 'USD', multiplier: 1 },
      { id: 'BTCUSDT.BINANCE', tickSize: '0.10', lotSize: '0.00001', currency: 'usdt' },
      { id: 'ES.CME', tickSize: '0.25', multiplier: 50, description: 'E-mini S&P 500' },
      { id: 'EURUSD.SIM', tickSize: 0.00001, lotSize: 1000 },
    ]),
    'instruments.json',
  );
  assert.deepEqual([...map.keys()], ['AAPL.XNAS', 'BTCUSDT.BINANCE', 'ES.CME', 'EURUSD.SIM']);
  const aapl = map.get('AAPL.XNAS' as never)!;
  assert.equal(aapl.tickSize.toString(), '0.01');
  assert.equal(aapl.lotSize.toString(), '1');
  assert.equal(aapl.quoteCurrency.code, 'USD');
  assert.equal(aapl.multiplier, 1);
  const btc = map.get('BTCUSDT.BINANCE' as never)!;
  assert.equal(btc.tickSize.precision, 2); // "0.10" keeps its 2 decimals
  assert.equal(btc.tickSize.raw, 10);
  assert.equal(btc.lotSize.toString(), '0.00001');
  assert.equal(btc.quoteCurrency.code, 'USDT');
  assert.equal(btc.quoteCurrency.precision, 8);
  const es = map.get('ES.CME' as never)!;
  assert.equal(es.lotSize.toString(), '1');
  assert.equal(es.quoteCurrency.code, 'USD');
  assert.equal(es.multiplier, 50);
  const eur = map.get('EURUSD.SIM' as never)!;
  assert.equal(eur.tickSize.toString(), '0.00001');
  assert.equal(eur.lotSize.toString(), '1000');
  assert.equal(parseInstrumentsJson('[]', 'x.json').size, 0);
});

test('errors name the file, the entry and the field', () => {
  fails('{"id": "A.B"}', /^instruments.json: expected a JSON array of instruments$/);
  fails('[{"id":"AAPL.XNAS","tickSize":"0.01",}]', /^instruments.json:1: invalid JSON/);
  fails('[\n{"id":"AAPL.XNAS",\n"tickSize":"0.01",\n}]', /^instruments.json:4: invalid JSON/);
  fails('', /invalid JSON/);
  fails('[{"tickSize":"0.01"}]', /^instruments.json: entry 0 field id: expected a string SYMBOL.VENUE$/);
  fails('[{"id":"AAPL","tickSize":"0.01"}]', /entry 0 \(AAPL\) field id: expected SYMBOL.VENUE/);
  fails(
    '[{"id":"A.X","tickSize":"0.01"},{"id":"B.X","tickSize":"-0.01"}]',
    /entry 1 \(B.X\) field tickSize: expected a positive decimal string like "0.01", got "-0.01"/,
  );
  fails('[{"id":"A.X","tickSize":"0"}]', /entry 0 \(A.X\) field tickSize: expected a positive decimal/);
  fails(
    '[{"id":"A.X","tickSize":"abc"}]',
    /field tickSize: expected a positive decimal string like "0.01", got "abc"/,
  );
  fails('[{"id":"A.X","tickSize":1e-7}]', /field tickSize: .* got 1e-7/);
  fails('[{"id":"A.X"}]', /entry 0 \(A.X\) field tickSize: expected a decimal string like "0.01"/);
  fails('[{"id":"A.X","tickSize":"0.01","lotSize":"1.5.1"}]', /field lotSize: expected a positive decimal/);
  fails(
    '[{"id":"A.X","tickSize":"0.01","currency":"US DOLLAR"}]',
    /field currency: expected a currency code/,
  );
  fails('[{"id":"A.X","tickSize":"0.01","multiplier":0}]', /field multiplier: expected a positive number/);
  fails('[{"id":"A.X","tickSize":"0.01","multiplier":"50"}]', /field multiplier: expected a positive number/);
  fails(
    '[{"id":"A.X","tickSize":"0.01","ticksize":"0.02"}]',
    /entry 0 \(A.X\): Unrecognized key: "ticksize"/,
  );
  fails('[null]', /entry 0: /);
  fails(
    '[{"id":"A.X","tickSize":"0.01"},{"id":"A.X","tickSize":"0.02"}]',
    /entry 1 \(A.X\): duplicate id, already defined by entry 0/,
  );
});

test('readInstrumentsFile reads a file; a missing file is an InputError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qf-inst-'));
  try {
    const path = join(dir, 'instruments.json');
    writeFileSync(
      path,
      '\ufeff[{"id":"SPY.SIM","tickSize":"0.01","lotSize":"1","currency":"USD","multiplier":1}]',
    );
    assert.equal(
      readInstrumentsFile(path)
        .get('SPY.SIM' as never)
        ?.tickSize.toString(),
      '0.01',
    );
    assert.throws(
      () => readInstrumentsFile(join(dir, 'nope.json')),
      /nope.json: cannot read instruments: no such file/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
