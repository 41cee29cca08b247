// `--data FILE`: load the state at start, save it atomically (temp file + fsync + rename), debounced.
import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TalkState } from './domain/records.js';

/**
 * The data file exists but cannot be used. The file is left untouched.
 *
 * @example
 * try { loadState('talk.json'); } catch (e) { if (e instanceof DataFileError) console.error(e.message); }
 */
export class DataFileError extends Error {
  readonly code = 'data-file-invalid';
  constructor(
    /** The data file. */
    readonly file: string,
    /** What is wrong with it. */
    readonly problem: string,
  ) {
    super(`Refusing to use the data file ${file}: ${problem}. Nothing was written to it; fix or move it away, or start with another --data path.`);
    this.name = 'DataFileError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkState(file: string, value: unknown): TalkState {
  if (!isObject(value)) throw new DataFileError(file, 'the top level is not a JSON object');
  if (value.version !== 1) throw new DataFileError(file, `unsupported "version" ${JSON.stringify(value.version)} (expected 1)`);
  const nextId = value.nextId;
  if (!isObject(nextId) || !['conversation', 'attendee', 'message'].every((k) => Number.isSafeInteger(nextId[k]))) {
    throw new DataFileError(file, '"nextId" must hold integer "conversation", "attendee" and "message" counters');
  }
  for (const key of ['users', 'conversations', 'attendees', 'messages', 'reminders']) {
    if (!Array.isArray(value[key])) throw new DataFileError(file, `"${key}" is missing or not an array`);
    (value[key] as unknown[]).forEach((item, i) => {
      if (!isObject(item)) throw new DataFileError(file, `"${key}[${i}]" is not an object`);
    });
  }
  const users = value.users as Record<string, unknown>[];
  users.forEach((u, i) => {
    if (typeof u.id !== 'string' || typeof u.appPassword !== 'string') throw new DataFileError(file, `"users[${i}]" needs string "id" and "appPassword"`);
  });
  const conversations = value.conversations as Record<string, unknown>[];
  conversations.forEach((c, i) => {
    if (typeof c.token !== 'string' || !Number.isSafeInteger(c.id)) throw new DataFileError(file, `"conversations[${i}]" needs a string "token" and an integer "id"`);
  });
  (value.messages as Record<string, unknown>[]).forEach((m, i) => {
    if (!Number.isSafeInteger(m.id) || typeof m.token !== 'string') throw new DataFileError(file, `"messages[${i}]" needs an integer "id" and a string "token"`);
  });
  return value as unknown as TalkState;
}

/**
 * Reads a data file. Returns null when it does not exist; throws {@link DataFileError} when it is unreadable,
 * not JSON or not a dev server state.
 *
 * @example
 * const state = loadState('/tmp/talk.json'); // TalkState | null
 */
export function loadState(file: string): TalkState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new DataFileError(file, `it cannot be read (${code ?? String(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(file, `it is not valid JSON (${(error as Error).message})`);
  }
  return checkState(file, parsed);
}

/**
 * Writes the state atomically: a temp file in the same directory, fsync, then rename over the target.
 *
 * @example
 * await writeStateAtomic('/tmp/talk.json', store.toState());
 */
export async function writeStateAtomic(file: string, state: TalkState): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(state));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Debounced saver: `schedule()` after each change, `flush()` on shutdown. Writes never overlap.
 *
 * @example
 * const saver = new StateSaver('talk.json', () => store.toState(), 100);
 * store.onChange = () => saver.schedule();
 * await saver.flush();
 */
export class StateSaver {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => TalkState,
    private readonly debounceMs = 100,
    private readonly onError: (error: unknown) => void = (error) => console.error('[talk-devserver] saving the data file failed:', error),
  ) {}

  /** Marks the state dirty and arms the debounce timer. */
  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.debounceMs);
    this.timer.unref?.();
  }

  private write(): Promise<void> {
    if (!this.dirty) return this.writing;
    this.dirty = false;
    const state = this.snapshot();
    this.writing = this.writing.then(() => writeStateAtomic(this.file, state)).catch(this.onError);
    return this.writing;
  }

  /** Writes pending changes now and waits for every write to finish. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.write();
    await this.writing;
  }
}
