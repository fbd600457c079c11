import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRfc3339Us } from './alpaca-time.js';

test('RFC-3339 with up to nine fractional digits becomes µs, sub-µs digits truncated', () => {
  assert.equal(parseRfc3339Us('2021-02-22T15:51:44Z'), 1_614_009_104_000_000);
  assert.equal(parseRfc3339Us('2021-02-22T15:51:44.208Z'), 1_614_009_104_208_000);
  assert.equal(parseRfc3339Us('2021-02-22T15:51:45.335689322Z'), 1_614_009_105_335_689);
  assert.equal(parseRfc3339Us('2021-02-22T15:51:45.335689999Z'), 1_614_009_105_335_689);
  assert.equal(parseRfc3339Us('2021-02-22T10:51:44.5-05:00'), 1_614_009_104_500_000);
});

test('anything else is rejected', () => {
  for (const bad of ['', 'yesterday', '2021-02-22 15:51:44Z', '2021-13-01T00:00:00Z', '2021-02-22T15:51:44'])
    assert.equal(parseRfc3339Us(bad), undefined, bad);
});
