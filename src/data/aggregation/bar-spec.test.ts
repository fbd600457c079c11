import { test } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { InputError } from '../../core/input-error.js';
import { formatBarSpec, parseBarSpec } from './bar-spec.js';

test('time specs: 1s to 1d, canonical text', () => {
  const cases: [string, number, string][] = [
    ['1s', US.SECOND, '1s'],
    ['5s', 5 * US.SECOND, '5s'],
    ['60s', US.MINUTE, '1m'],
    ['1m', US.MINUTE, '1m'],
    ['15m', 15 * US.MINUTE, '15m'],
    ['1h', US.HOUR, '1h'],
    ['4H', 4 * US.HOUR, '4h'],
    ['time:1d', US.DAY, '1d'],
    [' 24h ', US.DAY, '1d'],
  ];
  for (const [text, stepUs, canonical] of cases) {
    const spec = parseBarSpec(text);
    assert.deepEqual(spec, { kind: 'time', stepUs }, text);
    assert.equal(formatBarSpec(spec), canonical);
    assert.deepEqual(parseBarSpec(formatBarSpec(spec)), spec);
  }
});

test('tick, volume and value specs', () => {
  assert.deepEqual(parseBarSpec('100t'), { kind: 'tick', count: 100 });
  assert.deepEqual(parseBarSpec('tick:100'), { kind: 'tick', count: 100 });
  assert.deepEqual(parseBarSpec('volume:1000'), { kind: 'volume', threshold: { raw: 1000, precision: 0 } });
  assert.deepEqual(parseBarSpec('volume:1000.00'), { kind: 'volume', threshold: { raw: 1000, precision: 0 } });
  assert.deepEqual(parseBarSpec('volume:0.5'), { kind: 'volume', threshold: { raw: 5, precision: 1 } });
  assert.deepEqual(parseBarSpec('value:1_000_000'), { kind: 'value', threshold: { raw: 1_000_000, precision: 0 } });
  assert.deepEqual(parseBarSpec('dollar:250000'), { kind: 'value', threshold: { raw: 250_000, precision: 0 } });
  for (const text of ['tick:100', 'volume:1000', 'volume:0.25', 'value:1000000']) {
    assert.equal(formatBarSpec(parseBarSpec(text)), text);
  }
});

test('bad specs throw an InputError naming the spec and the problem', () => {
  const cases: [string, RegExp][] = [
    ['', /expected a time step/],
    ['1x', /expected a time step/],
    ['1.5m', /expected a time step/],
    ['0s', /between 1s and 1d/],
    ['2d', /between 1s and 1d/],
    ['7m', /divide a day/],
    ['0t', /whole number ≥ 1/],
    ['tick:', /whole number ≥ 1/],
    ['tick:1.5', /whole number ≥ 1/],
    ['volume:0', /must be positive/],
    ['volume:-5', /must be positive/],
    ['volume:abc', /not a plain decimal/],
    ['value:', /not a plain decimal/],
    ['range:10', /unknown kind "range"/],
    ['time:100t', /expected a time step/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseBarSpec(text),
      (e: unknown) => e instanceof InputError && e.message.includes(`bar spec "${text}"`) && message.test(e.message),
      text,
    );
  }
});
