import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { unwrap } from '../../core/result.js';
import { parseStrategyId } from '../../model/identifiers/order-ids.js';
import { Quantity } from '../../model/types/quantity.js';
import type { ExecutionEngine } from '../execution-engine.js';
import { algoHarness, STRATEGY, X } from './algo-harness.js';
import type { AlgoRequest } from './algo-request.js';
import type { ChildOrderPort } from './child-order-port.js';
import { MAX_CHILD_FAILURES } from './execution-algorithm.js';
import type { ParentOrderId } from './parent-order.js';
import { AlgoDenialCode } from './resolve-request.js';

// The execution engine is a child order port as it is.
const _portCheck = (engine: ExecutionEngine): ChildOrderPort => engine;

const MIN = US.MINUTE;
const twap: AlgoRequest = {
  algo: 'TWAP',
  instrumentId: X,
  side: 'BUY',
  quantity: 10,
  durationUs: MIN,
  slices: 2,
};

describe('AlgoEngine: requests', () => {
  const bad: { name: string; request: unknown; code: AlgoDenialCode; mentions: string }[] = [
    { name: 'not an object', request: null, code: 'INVALID_REQUEST', mentions: '(request)' },
    { name: 'a string', request: 'TWAP 10', code: 'INVALID_REQUEST', mentions: '(request)' },
    {
      name: 'unknown algorithm',
      request: { ...twap, algo: 'SNIPER' },
      code: 'INVALID_REQUEST',
      mentions: 'algo',
    },
    { name: 'unknown field', request: { ...twap, slicez: 3 }, code: 'INVALID_REQUEST', mentions: 'slicez' },
    { name: 'bad side', request: { ...twap, side: 'HOLD' }, code: 'INVALID_REQUEST', mentions: 'side' },
    {
      name: 'zero duration',
      request: { ...twap, durationUs: 0 },
      code: 'INVALID_REQUEST',
      mentions: 'durationUs',
    },
    {
      name: 'fractional µs',
      request: { ...twap, durationUs: 1.5 },
      code: 'INVALID_REQUEST',
      mentions: 'durationUs',
    },
    {
      name: 'both slices and interval',
      request: { ...twap, intervalUs: 1000 },
      code: 'INVALID_REQUEST',
      mentions: 'slices/intervalUs',
    },
    {
      name: 'neither slices nor interval',
      request: { ...twap, slices: undefined },
      code: 'INVALID_REQUEST',
      mentions: 'slices/intervalUs',
    },
    {
      name: 'too many slices from the interval',
      request: { ...twap, slices: undefined, intervalUs: 1 },
      code: 'INVALID_REQUEST',
      mentions: 'intervalUs',
    },
    {
      name: 'MARKET children with protection',
      request: { ...twap, pricing: 'MARKET', limitPrice: '100.00' },
      code: 'INVALID_REQUEST',
      mentions: 'pricing',
    },
    {
      name: 'malformed instrument',
      request: { ...twap, instrumentId: 'X' },
      code: 'INVALID_REQUEST',
      mentions: 'instrumentId',
    },
    {
      name: 'unknown instrument',
      request: { ...twap, instrumentId: 'Y.SIM' },
      code: 'UNKNOWN_INSTRUMENT',
      mentions: 'Y.SIM',
    },
    {
      name: 'off-lot quantity',
      request: { ...twap, quantity: '1.5' },
      code: 'INVALID_QUANTITY',
      mentions: 'quantity',
    },
    {
      name: 'negative quantity',
      request: { ...twap, quantity: -3 },
      code: 'INVALID_REQUEST',
      mentions: 'quantity',
    },
    {
      name: 'unreadable quantity',
      request: { ...twap, quantity: 'ten' },
      code: 'INVALID_QUANTITY',
      mentions: 'quantity',
    },
    {
      name: 'zero Quantity',
      request: { ...twap, quantity: Quantity.parse('0') },
      code: 'INVALID_QUANTITY',
      mentions: 'quantity',
    },
    {
      name: 'off-tick limit',
      request: { ...twap, limitPrice: '100.005' },
      code: 'INVALID_PRICE',
      mentions: 'limitPrice',
    },
    {
      name: 'unreadable limit',
      request: { ...twap, limitPrice: 'cheap' },
      code: 'INVALID_PRICE',
      mentions: 'limitPrice',
    },
    {
      name: 'VWAP with an all-zero profile',
      request: { algo: 'VWAP', instrumentId: X, side: 'BUY', quantity: 1, durationUs: MIN, profile: [0, 0] },
      code: 'INVALID_REQUEST',
      mentions: 'profile',
    },
    {
      name: 'VWAP with a negative weight',
      request: { algo: 'VWAP', instrumentId: X, side: 'BUY', quantity: 1, durationUs: MIN, profile: [1, -1] },
      code: 'INVALID_REQUEST',
      mentions: 'profile.1',
    },
    {
      name: 'iceberg without a limit',
      request: { algo: 'ICEBERG', instrumentId: X, side: 'BUY', quantity: 10, displayQuantity: 2 },
      code: 'INVALID_REQUEST',
      mentions: 'limitPrice',
    },
    {
      name: 'POV rate above 1',
      request: { algo: 'POV', instrumentId: X, side: 'BUY', quantity: 10, participationRate: 1.5 },
      code: 'INVALID_REQUEST',
      mentions: 'participationRate',
    },
    {
      name: 'POV max child below min child',
      request: {
        algo: 'POV',
        instrumentId: X,
        side: 'BUY',
        quantity: 10,
        participationRate: 0.1,
        minChildQuantity: 5,
        maxChildQuantity: 2,
      },
      code: 'INVALID_QUANTITY',
      mentions: 'maxChildQuantity',
    },
  ];

  for (const { name, request, code, mentions } of bad) {
    it(`${name} → ${code}, nothing sent`, () => {
      const h = algoHarness();
      const result = h.algos.start(STRATEGY, request as AlgoRequest);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.error.code, code);
      assert.ok(
        result.error.problems.some((p) => p.includes(mentions)),
        `expected a problem naming ${mentions}: ${result.error.problems.join(' | ')}`,
      );
      assert.deepEqual(h.events, []);
      assert.deepEqual(h.client.submitted, []);
      assert.deepEqual(h.algos.parents(), []);
    });
  }

  it('accepts quantities and prices as strings, numbers or exact values', () => {
    const h = algoHarness('0.1');
    h.quote('99.99', '100.01');
    for (const quantity of ['2.5', 2.5, Quantity.parse('2.5')]) {
      const parent = h.start({ ...twap, quantity, limitPrice: 100.5 });
      assert.equal(parent.quantity.toString(), '2.5');
      assert.equal(parent.request.limitPrice!.toString(), '100.50');
    }
  });
});

describe('AlgoEngine: life cycle and routing', () => {
  it('publishes started, child sent and ended events in order, with sequential parent ids', () => {
    const h = algoHarness();
    h.quote('99.99', '100.01');
    const a = h.start(twap);
    const b = h.start({ ...twap, side: 'SELL', quantity: 4 });
    assert.equal(a.id, 'P-000001');
    assert.equal(b.id, 'P-000002');
    h.at(MIN / 2);
    assert.deepEqual(
      h.events.map((e) => `${e.type}:${e.parentId}`),
      [
        'AlgoStarted:P-000001',
        'AlgoChildSent:P-000001',
        'AlgoStarted:P-000002',
        'AlgoChildSent:P-000002',
        'AlgoChildSent:P-000001',
        'AlgoEnded:P-000001',
        'AlgoChildSent:P-000002',
        'AlgoEnded:P-000002',
      ],
    );
    assert.equal(a.filledQty.toString(), '10');
    assert.equal(b.filledQty.toString(), '4');
    assert.ok(h.client.submitted.every((o) => o.spec.tags?.startsWith('algo:P-00000')));
    assert.deepEqual(h.algos.parents({ active: true }), []);
    assert.deepEqual(h.algos.parents(), [a, b]);
    assert.equal(h.algos.parent(a.id), a);
  });

  it('cancel() cancels working children and ends the parent; the remainder is not executed', () => {
    const h = algoHarness();
    h.quote('100.05', '100.10');
    const parent = h.start({ ...twap, limitPrice: '100.00' });
    assert.equal(h.client.resting.length, 1);
    assert.equal(h.algos.cancel(parent.id), true);
    assert.equal(parent.status, 'CANCELED');
    assert.equal(parent.endReason, 'CANCELED');
    assert.equal(h.client.resting.length, 0);
    assert.ok(parent.children.every((c) => c.order.status === 'CANCELED'));
    const ended = h.ofType('AlgoEnded');
    assert.equal(ended.length, 1);
    assert.equal(ended[0].status, 'CANCELED');
    h.at(MIN / 2);
    h.quote('99.00', '99.01');
    assert.equal(h.client.submitted.length, 1, 'nothing after the cancel');
    assert.equal(h.algos.cancel('P-999999' as ParentOrderId), false);
  });

  it('a cancel the venue answers later: STOPPING until the ack, then CANCELED', () => {
    const h = algoHarness();
    h.quote('100.05', '100.10');
    h.client.holdCancels = true;
    const parent = h.start({ ...twap, limitPrice: '100.00' });
    h.algos.cancel(parent.id);
    assert.equal(parent.status, 'STOPPING');
    assert.equal(h.ofType('AlgoEnded').length, 0);
    h.at(MIN); // past the end while stopping: still waits for the child
    assert.equal(parent.status, 'STOPPING');
    h.client.flushCancels();
    assert.equal(parent.status, 'CANCELED');
    assert.equal(h.ofType('AlgoEnded').length, 1);
  });

  it('a cancel that races a fill: the fill counts, and a fully filled parent is COMPLETED', () => {
    const h = algoHarness();
    h.quote('100.05', '100.10');
    h.client.holdCancels = true;
    const parent = h.start({ ...twap, slices: 1, limitPrice: '100.00' });
    h.algos.cancel(parent.id);
    h.quote('99.99', '100.00'); // the resting child fills before the cancel arrives
    h.client.flushCancels();
    assert.equal(parent.filledQty.toString(), '10');
    assert.equal(parent.status, 'COMPLETED');
  });

  it(`fails after ${MAX_CHILD_FAILURES} consecutive child rejections`, () => {
    const h = algoHarness();
    h.quote('99.99', '100.01');
    h.client.rejectNext = MAX_CHILD_FAILURES;
    const parent = h.start({ ...twap, slices: 1 });
    assert.equal(h.client.submitted.length, 1, 'a rejected child is not resent in the same call');
    h.at(1);
    h.at(2);
    assert.equal(parent.status, 'FAILED');
    assert.equal(parent.endReason, 'FAILED');
    assert.match(parent.detail!, /OrderRejected TEST_REJECT/);
    assert.equal(h.ofType('AlgoEnded')[0].status, 'FAILED');
    h.at(3);
    assert.equal(h.client.submitted.length, MAX_CHILD_FAILURES);
  });

  it('a fill resets the failure count', () => {
    const h = algoHarness();
    h.quote('99.99', '100.01');
    h.client.rejectNext = 2;
    const parent = h.start({ ...twap, slices: 2 });
    h.at(1);
    h.at(2); // third try fills
    h.client.rejectNext = 2;
    h.at(MIN / 2);
    h.at(MIN / 2 + 1);
    h.at(MIN / 2 + 2);
    assert.equal(parent.status, 'COMPLETED');
    assert.equal(parent.filledQty.toString(), '10');
  });

  it('routes child events only to their parent; other orders are ignored', () => {
    const h = algoHarness();
    h.quote('100.05', '100.10');
    const a = h.start({ ...twap, limitPrice: '100.00' });
    const b = h.start({ ...twap, limitPrice: '99.00' });
    // A plain order of the same strategy, outside any algorithm.
    const plain = h.execution.createOrder(STRATEGY, {
      instrumentId: X,
      side: 'BUY',
      type: 'LIMIT',
      quantity: Quantity.parse('1'),
      price: a.request.limitPrice,
    });
    h.execution.submit(plain);
    h.quote('99.99', '100.00'); // fills a's child and the plain order, not b's
    assert.equal(a.filledQty.toString(), '5');
    assert.equal(b.filledQty.toString(), '0');
    assert.equal(plain.status, 'FILLED');
    assert.equal(h.algos.cancelAll(unwrap(parseStrategyId('S-2'))), 0);
    assert.equal(h.algos.cancelAll(STRATEGY), 2);
    assert.equal(a.status, 'CANCELED');
    assert.equal(b.status, 'CANCELED');
  });

  it('dispose() stops listening to order events', () => {
    const h = algoHarness();
    h.quote('100.05', '100.10');
    const parent = h.start({ ...twap, limitPrice: '100.00' });
    h.algos.dispose();
    h.quote('99.99', '100.00');
    assert.equal(h.client.submitted[0].status, 'FILLED');
    assert.equal(parent.filledQty.toString(), '0');
  });
});
