import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseClientOp } from './stream-protocol.js';

describe('parseClientOp', () => {
  it('accepts the three operations', () => {
    assert.deepEqual(parseClientOp('{"op":"ping"}'), { ok: true, value: { op: 'ping' } });
    assert.deepEqual(
      parseClientOp(
        '{"op":"subscribe","topics":["orders","quotes:BTC-USD.COINBASE","orders"],"resumeFrom":7}',
      ),
      {
        ok: true,
        value: { op: 'subscribe', topics: ['orders', 'quotes:BTC-USD.COINBASE'], resumeFrom: 7 },
      },
    );
    assert.deepEqual(parseClientOp('{"op":"unsubscribe","topics":["bars:ETHUSDT.BINANCE"]}'), {
      ok: true,
      value: { op: 'unsubscribe', topics: ['bars:ETHUSDT.BINANCE'] },
    });
  });

  it('refuses malformed frames with stable codes', () => {
    const code = (text: string, known?: (id: string) => boolean): string | undefined => {
      const r = parseClientOp(text, known);
      return r.ok ? undefined : r.code;
    };
    assert.equal(code('{'), 'BAD_MESSAGE');
    assert.equal(code('null'), 'BAD_MESSAGE');
    assert.equal(code('"ping"'), 'BAD_MESSAGE');
    assert.equal(code('{"op":"subscribe"}'), 'BAD_MESSAGE');
    assert.equal(code('{"op":"subscribe","topics":[1]}'), 'BAD_MESSAGE');
    assert.equal(code('{"op":"subscribe","topics":["orders"],"resumeFrom":1.5}'), 'BAD_MESSAGE');
    assert.equal(code('{"op":"subscribe","topics":["orders"],"resumeFrom":1,"epoch":3}'), 'BAD_MESSAGE');
    assert.equal(code('{"op":"publish","topics":["orders"]}'), 'UNKNOWN_OP');
    assert.equal(code('{"topics":["orders"]}'), 'UNKNOWN_OP');
    for (const t of ['order', 'quotes:', 'quotes:BTCUSD', 'candles:BTCUSD.SIM', 'quotes:BTC USD.SIM'])
      assert.equal(code(JSON.stringify({ op: 'subscribe', topics: [t] })), 'UNKNOWN_TOPIC', t);
    assert.equal(
      code('{"op":"subscribe","topics":["quotes:ETHUSD.SIM"]}', (id) => id === 'BTCUSD.SIM'),
      'UNKNOWN_TOPIC',
    );
    assert.equal(
      code('{"op":"subscribe","topics":["quotes:BTCUSD.SIM","pnl"]}', (id) => id === 'BTCUSD.SIM'),
      undefined,
    );
  });
});
