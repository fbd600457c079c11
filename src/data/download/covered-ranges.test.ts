import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addRange, missingRanges } from './covered-ranges.js';

test('addRange merges overlapping and touching ranges, keeps order', () => {
  let r = addRange([], 10, 20);
  r = addRange(r, 30, 40);
  assert.deepEqual(r, [
    [10, 20],
    [30, 40],
  ]);
  assert.deepEqual(addRange(r, 20, 30), [[10, 40]]);
  assert.deepEqual(addRange(r, 15, 35), [[10, 40]]);
  assert.deepEqual(addRange(r, 0, 5), [
    [0, 5],
    [10, 20],
    [30, 40],
  ]);
  assert.deepEqual(addRange(r, 5, 5), r, 'an empty range adds nothing');
});

test('missingRanges lists the holes of a request in order', () => {
  const r = [
    [10, 20],
    [30, 40],
  ] as const;
  assert.deepEqual(missingRanges(r, 0, 50), [
    [0, 10],
    [20, 30],
    [40, 50],
  ]);
  assert.deepEqual(missingRanges(r, 12, 18), []);
  assert.deepEqual(missingRanges(r, 15, 35), [[20, 30]]);
  assert.deepEqual(missingRanges([], 5, 9), [[5, 9]]);
  assert.deepEqual(missingRanges(r, 40, 45), [[40, 45]]);
});
