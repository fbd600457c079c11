/**
 * API keys and roles. Keys come from `QUANTFLOW_API_KEYS="key1:admin,key2:trader"` or a JSON
 * file `{ "keys": [{ "key": "...", "role": "trader" }] }` and are sent as `Authorization: Bearer
 * <key>` or `X-API-Key: <key>`. Roles are ordered viewer < trader < admin; each route states the
 * least role it needs. Reads work without a key (anonymous = viewer) unless `requireKeyForReads`.
 *
 * Keys are kept only as SHA-256 digests and looked up by the digest of what the client sent: the
 * lookup's timing says nothing about how close a guess was.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InputError } from '../core/input-error.js';
import { ApiError, ErrorCode } from './errors.js';

export const Role = { VIEWER: 'viewer', TRADER: 'trader', ADMIN: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];

const RANK: Readonly<Record<Role, number>> = { viewer: 0, trader: 1, admin: 2 };

/** True when `role` is at least `needed`. */
export const hasRole = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

export interface ApiKey {
  readonly key: string;
  readonly role: Role;
}

export interface AuthConfig {
  readonly keys: readonly ApiKey[];
  /** Ask for a key on read routes too (default false: anonymous clients are viewers). */
  readonly requireKeyForReads?: boolean;
}

const roleSchema = z.enum([Role.VIEWER, Role.TRADER, Role.ADMIN]);
const keysFileSchema = z.strictObject({
  keys: z.array(z.strictObject({ key: z.string().min(8), role: roleSchema })),
  requireKeyForReads: z.boolean().optional(),
});

/**
 * Reads `key1:admin,key2:trader` (the `QUANTFLOW_API_KEYS` variable).
 * @throws InputError naming the bad entry (without echoing the key)
 */
export function parseApiKeys(text: string): ApiKey[] {
  const keys: ApiKey[] = [];
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  entries.forEach((entry, i) => {
    const colon = entry.lastIndexOf(':');
    const key = colon < 0 ? '' : entry.slice(0, colon).trim();
    const role = roleSchema.safeParse(colon < 0 ? '' : entry.slice(colon + 1).trim());
    if (key.length < 8 || !role.success)
      throw new InputError(
        `QUANTFLOW_API_KEYS entry ${i + 1}: expected <key>:<viewer|trader|admin> with a key of at least 8 characters`,
      );
    keys.push({ key, role: role.data });
  });
  return keys;
}

/**
 * Reads a keys file `{ "keys": [{ "key": "...", "role": "trader" }], "requireKeyForReads"?: true }`.
 * @throws InputError naming the file and the problem
 */
export function readAuthFile(path: string): AuthConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read API keys: ${(error as Error).message}`, { file: path });
  }
  const parsed = keysFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`API keys: ${issue.path.join('.') || 'file'}: ${issue.message}`, { file: path });
  }
  return parsed.data;
}

const digest = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Who sent a request: the role of its key, or anonymous. */
export interface Caller {
  readonly role: Role;
  readonly authenticated: boolean;
}

/** Checks requests against the configured keys. */
export class Authenticator {
  readonly #roles = new Map<string, Role>();
  readonly #requireKeyForReads: boolean;

  constructor(config: AuthConfig) {
    for (const { key, role } of config.keys) this.#roles.set(digest(key), role);
    this.#requireKeyForReads = config.requireKeyForReads ?? false;
  }

  /** The key a request carries (`Authorization: Bearer`, `X-API-Key`, or `?key=` when `allowQuery`). */
  static keyOf(request: FastifyRequest, allowQuery = false): string | undefined {
    const header = request.headers.authorization;
    if (typeof header === 'string') {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (match !== null) return match[1];
    }
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
    if (allowQuery) {
      const query = request.query as Record<string, unknown> | undefined;
      if (typeof query?.key === 'string' && query.key !== '') return query.key;
    }
    return undefined;
  }

  /** The caller of a request with `key` (undefined: no key sent). Throws 401 for an unknown key. */
  identify(key: string | undefined): Caller {
    if (key === undefined) return { role: Role.VIEWER, authenticated: false };
    const role = this.#roles.get(digest(key));
    if (role === undefined) throw new ApiError(ErrorCode.UNAUTHORIZED, 'unknown API key');
    return { role, authenticated: true };
  }

  /**
   * Checks that a caller with `key` may use a route needing `needed` (undefined: a read route).
   * Throws 401 (no key where one is needed, or an unknown key) or 403 (too weak a role).
   */
  authorize(key: string | undefined, needed: Role | undefined): Caller {
    const caller = this.identify(key);
    const mustHaveKey =
      needed !== undefined ? needed !== Role.VIEWER || this.#requireKeyForReads : this.#requireKeyForReads;
    if (mustHaveKey && !caller.authenticated)
      throw new ApiError(
        ErrorCode.UNAUTHORIZED,
        this.#roles.size === 0
          ? 'this route needs an API key, and none is configured (QUANTFLOW_API_KEYS or --api-keys)'
          : 'this route needs an API key (Authorization: Bearer <key> or X-API-Key)',
      );
    const role = needed ?? Role.VIEWER;
    if (!hasRole(caller.role, role))
      throw new ApiError(
        ErrorCode.FORBIDDEN,
        `this route needs the ${role} role; the key has ${caller.role}`,
      );
    return caller;
  }
}
