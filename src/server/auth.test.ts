import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../core/input-error.js';
import { ApiError } from './errors.js';
import { Authenticator, parseApiKeys, Role } from './auth.js';

const failsWith = (fn: () => unknown, code: string): void => {
  assert.throws(fn, (error: unknown) => error instanceof ApiError && error.code === code);
};

describe('parseApiKeys', () => {
  it('reads key:role pairs, trimming spaces and empty entries', () => {
    assert.deepEqual(parseApiKeys(' alpha-key-1:admin , beta-key-22:trader,,gamma:key:viewer '), [
      { key: 'alpha-key-1', role: 'admin' },
      { key: 'beta-key-22', role: 'trader' },
      { key: 'gamma:key', role: 'viewer' },
    ]);
  });

  it('refuses unknown roles and short keys without echoing the key', () => {
    for (const text of ['alpha-key-1:root', 'short:admin', 'no-role-here']) {
      assert.throws(
        () => parseApiKeys(text),
        (error: unknown) => error instanceof InputError && !error.message.includes(text.split(':')[0]),
      );
    }
  });
});

describe('Authenticator', () => {
  const auth = new Authenticator({
    keys: [
      { key: 'viewer-key-1', role: Role.VIEWER },
      { key: 'trader-key-1', role: Role.TRADER },
      { key: 'admin-key-11', role: Role.ADMIN },
    ],
  });

  it('reads are anonymous viewers; protected routes need a key of the role or above', () => {
    assert.deepEqual(auth.authorize(undefined, undefined), { role: 'viewer', authenticated: false });
    failsWith(() => auth.authorize(undefined, Role.TRADER), 'UNAUTHORIZED');
    failsWith(() => auth.authorize('viewer-key-1', Role.TRADER), 'FORBIDDEN');
    failsWith(() => auth.authorize('trader-key-1', Role.ADMIN), 'FORBIDDEN');
    assert.equal(auth.authorize('trader-key-1', Role.TRADER).role, 'trader');
    assert.equal(auth.authorize('admin-key-11', Role.TRADER).role, 'admin');
  });

  it('an unknown key is 401 even on a read route (a typo should not silently downgrade)', () => {
    failsWith(() => auth.authorize('admin-key-12', undefined), 'UNAUTHORIZED');
  });

  it('requireKeyForReads asks anonymous readers for a key', () => {
    const strict = new Authenticator({
      keys: [{ key: 'viewer-key-1', role: Role.VIEWER }],
      requireKeyForReads: true,
    });
    failsWith(() => strict.authorize(undefined, undefined), 'UNAUTHORIZED');
    assert.equal(strict.authorize('viewer-key-1', undefined).authenticated, true);
  });
});
