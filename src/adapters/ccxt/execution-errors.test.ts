import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ccxt from 'ccxt';
import { classifyFailure } from './execution-errors.js';

/** A ccxt error as the exchange throws it after an HTTP answer (see pro-exchange's handleErrors). */
function answered<E extends Error>(error: E, status: number, body: unknown): E {
  Object.defineProperty(error, 'venueResponse', { value: { status, body }, enumerable: false });
  return error;
}

describe('classifyFailure', () => {
  it("reads the venue's code and message from its answer, whatever class ccxt chose", () => {
    const body = { code: -2010, msg: 'Account has insufficient balance for requested action.' };
    // ccxt maps this message to InsufficientFunds and drops the code from its own message.
    const e = answered(new ccxt.InsufficientFunds('binance Account has insufficient balance'), 400, body);
    assert.deepEqual(classifyFailure(e), { kind: 'venue', code: '-2010', message: body.msg });
    const notFound = answered(new ccxt.OrderNotFound('binance Order does not exist.'), 400, {
      code: -2013,
      msg: 'Order does not exist.',
    });
    assert.deepEqual(classifyFailure(notFound), {
      kind: 'venue',
      code: '-2013',
      message: 'Order does not exist.',
    });
    const noCode = answered(new ccxt.BadRequest('binance 400'), 400, undefined);
    assert.equal(classifyFailure(noCode).kind, 'venue');
  });

  it('treats timeouts, network errors and 5xx answers as unknown outcomes', () => {
    assert.equal(classifyFailure(new ccxt.RequestTimeout('binance GET timed out')).kind, 'network');
    assert.equal(classifyFailure(new ccxt.NetworkError('fetch failed')).kind, 'network');
    assert.equal(classifyFailure(new ccxt.ExchangeNotAvailable('binance 503')).kind, 'network');
    assert.equal(
      classifyFailure(answered(new ccxt.ExchangeError('binance 500'), 500, { code: -1000, msg: 'x' })).kind,
      'network',
    );
  });

  it('reports what ccxt refused before sending as a local refusal', () => {
    assert.deepEqual(
      classifyFailure(new ccxt.InvalidOrder('binance triggerPrice parameter is not allowed')),
      {
        kind: 'client',
        code: 'INVALID_ORDER',
        message: 'binance triggerPrice parameter is not allowed',
      },
    );
    assert.equal(classifyFailure(new ccxt.AuthenticationError('requires "apiKey"')).kind, 'client');
    assert.deepEqual(classifyFailure(new TypeError('x is undefined')), {
      kind: 'client',
      code: 'CLIENT_ERROR',
      message: 'x is undefined',
    });
  });
});
