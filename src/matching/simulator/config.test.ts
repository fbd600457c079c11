import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../core/input-error.js';
import {
  defaultSimulationConfig,
  parseAvellanedaStoikovParams,
  parseSimulationConfig,
  parseSimulationConfigText,
  secondsToUs,
} from './config.js';

/** The InputError message of `f`, asserting it throws one. */
function inputError(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected an InputError');
}

describe('simulation config', () => {
  test('{} is the default market: five populations with their defaults', () => {
    const config = defaultSimulationConfig();
    assert.deepEqual(
      config.populations.map((p) => [p.kind, p.count]),
      [
        ['market-maker', 4],
        ['noise', 40],
        ['momentum', 5],
        ['mean-reversion', 5],
        ['informed', 5],
      ],
    );
    assert.equal(config.seed, 1);
    assert.equal(config.initialPrice, 10_000);
    assert.deepEqual(config.instrument, { tickSize: 0.01, lotSize: 1, currency: 'USD' });
    assert.deepEqual(config.snapshots, { interval: 1, levels: 5 });
    const noise = config.populations[1];
    assert.equal(noise.kind === 'noise' && noise.rate, 0.5);
  });

  test('given fields replace defaults; missing ones keep theirs', () => {
    const config = parseSimulationConfig({
      seed: 9,
      fundamental: { volatility: 2 },
      populations: [{ kind: 'noise', name: 'retail', rate: 3 }],
    });
    assert.equal(config.seed, 9);
    assert.deepEqual(config.fundamental, { volatility: 2, step: 0.1 });
    assert.equal(config.populations.length, 1);
    const p = config.populations[0];
    assert.equal(p.kind, 'noise');
    if (p.kind === 'noise') {
      assert.equal(p.name, 'retail');
      assert.equal(p.rate, 3);
      assert.equal(p.maxQuantity, 5);
    }
  });

  test('errors name the field, with the population', () => {
    assert.equal(
      inputError(() =>
        parseSimulationConfig({ populations: [{ kind: 'market-maker' }, { kind: 'noise', rate: -1 }] }),
      ),
      'populations[1] (noise).rate: Too small: expected number to be >0',
    );
    assert.match(
      inputError(() =>
        parseSimulationConfig({ populations: [{ kind: 'momentum', name: 'fast', lookbak: 3 }] }),
      ),
      /^populations\[0\] \(fast\): unknown field\(s\) 'lookbak'/,
    );
    assert.match(
      inputError(() => parseSimulationConfig({ populations: [{ kind: 'whales' }] })),
      /^populations\[0\] \(whales\)\.kind: unknown population kind \(expected one of noise, momentum/,
    );
    assert.match(
      inputError(() => parseSimulationConfig({ seed: 'x' })),
      /^seed: /,
    );
    assert.match(
      inputError(() => parseSimulationConfig({ instrument: { tickSize: 0 } })),
      /^instrument\.tickSize: /,
    );
    assert.match(
      inputError(() =>
        parseSimulationConfig({ populations: [{ kind: 'noise', minQuantity: 5, maxQuantity: 2 }] }),
      ),
      /^populations\[0\] \(noise\)\.maxQuantity: maxQuantity must be ≥ minQuantity/,
    );
    assert.match(
      inputError(() => parseSimulationConfig({ populations: [{ kind: 'noise' }, { kind: 'noise' }] })),
      /populations\[1\] \(noise\)\.name: duplicate population name 'noise'/,
    );
    assert.match(
      inputError(() => parseSimulationConfig({ populations: [{ kind: 'noise', name: 'a,b' }] })),
      /populations\[0\] \(a,b\)\.name: must be letters/,
    );
  });

  test('file errors carry the file name; JSON syntax errors the line', () => {
    assert.match(
      inputError(() => parseSimulationConfigText('{"seed": -1}', 'a.json')),
      /^a\.json: seed: /,
    );
    assert.match(
      inputError(() => parseSimulationConfigText('{\n"seed": 1,\n}', 'b.json')),
      /^b\.json:3: invalid JSON/,
    );
  });

  test('seconds become whole microseconds, at least 1', () => {
    assert.equal(secondsToUs(0.5), 500_000);
    assert.equal(secondsToUs(1e-9), 1);
  });
});

describe('avellaneda-stoikov params', () => {
  test('defaults, and text from --param coerced', () => {
    const p = parseAvellanedaStoikovParams({});
    assert.equal(p.gamma, 0.01);
    assert.equal(p.kappa, 4);
    assert.equal(p.sigma, undefined);
    assert.equal(p.horizon, 30);
    assert.deepEqual(p.markouts, [1, 10]);
    const q = parseAvellanedaStoikovParams({
      gamma: '0.2',
      sigma: '1.5',
      horizon: 'session',
      markouts: '0.5, 5',
    });
    assert.equal(q.gamma, 0.2);
    assert.equal(q.sigma, 1.5);
    assert.equal(q.horizon, 'session');
    assert.deepEqual(q.markouts, [0.5, 5]);
    assert.equal(parseAvellanedaStoikovParams({ horizon: '60' }).horizon, 60);
  });

  test('bad values and unknown names are named', () => {
    assert.match(
      inputError(() => parseAvellanedaStoikovParams({ gamma: '-1' })),
      /^parameter 'gamma' of strategy market-maker = -1: /,
    );
    assert.match(
      inputError(() => parseAvellanedaStoikovParams({ size: '2.5' })),
      /^parameter 'size'/,
    );
    assert.match(
      inputError(() => parseAvellanedaStoikovParams({ markouts: '1,,2' })),
      /^parameter 'markouts'/,
    );
    assert.match(
      inputError(() => parseAvellanedaStoikovParams({ gama: '1' })),
      /^unknown parameter 'gama' for strategy market-maker \(known: gamma, kappa/,
    );
  });
});
