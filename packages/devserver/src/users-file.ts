// `--users FILE` / `TALK_DEV_USERS`: fixed users with known app passwords (for scripted clients and the scenarios).
import { readFileSync } from 'node:fs';
import type { SeedUser } from './domain/store.js';

/**
 * The users file cannot be used; the message names the file and the JSON pointer of the problem.
 *
 * @example
 * try { loadUsersFile('users.json'); } catch (e) { if (e instanceof UsersFileError) console.error(e.message); }
 */
export class UsersFileError extends Error {
  readonly code = 'users-file-invalid';
  constructor(
    readonly file: string,
    /** JSON pointer of the offending value (`/1/appPassword`), `''` for the whole file. */
    readonly pointer: string,
    readonly problem: string,
  ) {
    super(`Refusing the users file ${file}${pointer ? ` at ${pointer}` : ''}: ${problem}`);
    this.name = 'UsersFileError';
  }
}

const ID = /^[A-Za-z0-9_.@-]{1,64}$/;

/**
 * Reads a users file: a JSON array of `{ id, displayName, appPassword?, groups? }` (the shape of `SeedUser`).
 *
 * @example
 * // users.json: [{ "id": "alice", "displayName": "Alice Liddell", "appPassword": "aaaaa-aaaaa-aaaaa-aaaaa-aaaaa", "groups": ["developers"] }]
 * const users = loadUsersFile('users.json');
 * await createDevServer({ users });
 */
export function loadUsersFile(file: string): SeedUser[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsersFileError(file, '', `it cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsersFileError(file, '', `it is not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value) || value.length === 0) throw new UsersFileError(file, '', 'expected a non-empty JSON array of users');
  const seen = new Set<string>();
  return value.map((item: unknown, i): SeedUser => {
    const at = `/${i}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new UsersFileError(file, at, 'a user must be an object');
    const u = item as Record<string, unknown>;
    if (typeof u.id !== 'string' || !ID.test(u.id)) throw new UsersFileError(file, `${at}/id`, 'must be a user id of 1-64 letters, digits, "_.@-"');
    if (seen.has(u.id)) throw new UsersFileError(file, `${at}/id`, `duplicate user id "${u.id}"`);
    seen.add(u.id);
    if (typeof u.displayName !== 'string' || u.displayName === '') throw new UsersFileError(file, `${at}/displayName`, 'must be a non-empty string');
    if (u.appPassword !== undefined && (typeof u.appPassword !== 'string' || u.appPassword.length < 8)) {
      throw new UsersFileError(file, `${at}/appPassword`, 'must be a string of at least 8 characters');
    }
    if (u.groups !== undefined && !(Array.isArray(u.groups) && u.groups.every((g) => typeof g === 'string' && g !== ''))) {
      throw new UsersFileError(file, `${at}/groups`, 'must be an array of non-empty group names');
    }
    return { id: u.id, displayName: u.displayName, appPassword: u.appPassword as string | undefined, groups: u.groups as string[] | undefined };
  });
}
