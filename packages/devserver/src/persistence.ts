// `--data FILE`: the snapshot `FILE` (the whole state as JSON) plus the journal `FILE.journal` (one JSON line per
// commit since the snapshot) and the lock `FILE.lock`. Loading checks every record and the whole state and refuses
// (without touching anything) what does not hold together.
import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DataLock, DataLockError } from './data-lock.js';
import type { TalkState } from './domain/records.js';
import type { JournalLine } from './journal.js';
import { StateJournal } from './journal.js';
import { AREA_COUNTERS, AREA_KINDS, RECORD_KINDS, recordKey, recordProblem, stateInconsistency } from './state-check.js';
import type { RecordKind, StateRecord } from './state-check.js';

/**
 * The data file exists but cannot be used (unreadable, corrupt, inconsistent, or in use by another server). The
 * files are left untouched.
 *
 * @example
 * try { loadState('talk.json'); } catch (e) { if (e instanceof DataFileError) console.error(e.message); }
 */
export class DataFileError extends Error {
  readonly code: 'data-file-invalid' | 'data-file-locked';
  constructor(
    /** The file the problem is in (the data file, or its journal). */
    readonly file: string,
    /** What is wrong with it. */
    readonly problem: string,
    code: 'data-file-invalid' | 'data-file-locked' = 'data-file-invalid',
  ) {
    super(`Refusing to use the data file ${file}: ${problem}. Nothing was written to it; fix or move it away, or start with another --data path.`);
    this.name = 'DataFileError';
    this.code = code;
  }
}

/**
 * The journal next to a data file.
 *
 * @example
 * journalFileOf('/tmp/talk.json'); // '/tmp/talk.json.journal'
 */
export const journalFileOf = (file: string): string => `${file}.journal`;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNextId(value: unknown): value is TalkState['nextId'] {
  return (
    isObject(value) &&
    ['conversation', 'attendee', 'message'].every((k) => Number.isSafeInteger(value[k])) &&
    AREA_COUNTERS.every((k) => value[k] === undefined || Number.isSafeInteger(value[k]))
  );
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new DataFileError(file, `it cannot be read (${code ?? String(error)})`);
  }
}

/** The records of a state by kind and key, with where each one was read (for error messages). */
class RecordTable {
  /** Records enter the table only after `recordProblem` found them well-formed. */
  readonly records = new Map<RecordKind, Map<string | number, object>>(RECORD_KINDS.map((k) => [k, new Map()]));
  readonly origins = new Map<string, string>();

  put(kind: RecordKind, record: object, origin: string): void {
    const key = recordKey(kind, record);
    this.records.get(kind)?.set(key, record);
    this.origins.set(`${kind}\u0000${key}`, origin);
  }

  delete(kind: RecordKind, key: string | number): void {
    this.records.get(kind)?.delete(key);
  }

  toState(nextId: TalkState['nextId']): TalkState {
    const list = <K extends RecordKind>(kind: K) => [...(this.records.get(kind)?.values() ?? [])] as StateRecord<K>[];
    const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
    const state: TalkState = {
      version: 1,
      nextId: { ...nextId },
      users: list('users'),
      conversations: list('conversations').sort(byId),
      attendees: list('attendees').sort(byId),
      messages: list('messages').sort(byId),
      reminders: list('reminders'),
    };
    for (const kind of AREA_KINDS) Object.assign(state, { [kind]: kind === 'polls' ? list(kind).sort(byId) : list(kind) });
    return state;
  }
}

/** The snapshot: version 1 (a dev server state), `journalSeq` = the last journal line it covers (0 if absent). */
function readSnapshot(file: string, text: string, table: RecordTable): { nextId: TalkState['nextId']; seq: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(file, `it is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new DataFileError(file, 'the top level is not a JSON object');
  if (value.version !== 1) throw new DataFileError(file, `unsupported "version" ${JSON.stringify(value.version)} (expected 1)`);
  if (!isNextId(value.nextId))
    throw new DataFileError(
      file,
      '"nextId" must hold integer "conversation", "attendee" and "message" counters (and "poll", "bot", "file" integers if present)',
    );
  const seq = value.journalSeq ?? 0;
  if (!Number.isSafeInteger(seq) || (seq as number) < 0) throw new DataFileError(file, '"journalSeq" must be a non-negative integer');
  for (const kind of RECORD_KINDS) {
    const list = value[kind] ?? ((AREA_KINDS as readonly string[]).includes(kind) ? [] : undefined);
    if (!Array.isArray(list)) throw new DataFileError(file, `"${kind}" is missing or not an array`);
    const keys = new Set<string | number>();
    list.forEach((record: unknown, i) => {
      const problem = recordProblem(kind, record);
      if (problem) throw new DataFileError(file, `"${kind}[${i}]" ${problem}`);
      const key = recordKey(kind, record as Record<string, unknown>);
      if (keys.has(key)) throw new DataFileError(file, `"${kind}[${i}]" repeats the key ${key} of an earlier record`);
      keys.add(key);
      table.put(kind, record as Record<string, unknown>, `"${kind}[${i}]" of ${file}`);
    });
  }
  return { nextId: value.nextId, seq: seq as number };
}

function journalLine(file: string, n: number, text: string): JournalLine {
  const where = `line ${n}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(file, `${where} is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(value) || !Number.isSafeInteger(value.seq) || !isNextId(value.nextId) || !Array.isArray(value.put) || !Array.isArray(value.del)) {
    throw new DataFileError(file, `${where} is not a journal entry (needs integer "seq", "nextId", and "put" and "del" arrays)`);
  }
  (value.put as unknown[]).forEach((entry, i) => {
    if (!Array.isArray(entry) || entry.length !== 2 || !RECORD_KINDS.includes(entry[0])) {
      throw new DataFileError(file, `${where}: "put[${i}]" must be [kind, record] with kind one of ${RECORD_KINDS.join(', ')}`);
    }
    const problem = recordProblem(entry[0] as RecordKind, entry[1]);
    if (problem) throw new DataFileError(file, `${where}: "put[${i}]" (${entry[0]}) ${problem}`);
  });
  (value.del as unknown[]).forEach((entry, i) => {
    if (!Array.isArray(entry) || entry.length !== 2 || !RECORD_KINDS.includes(entry[0]) || !(typeof entry[1] === 'string' || Number.isSafeInteger(entry[1]))) {
      throw new DataFileError(file, `${where}: "del[${i}]" must be [kind, key]`);
    }
  });
  return { seq: value.seq as number, nextId: value.nextId, put: value.put as JournalLine['put'], del: value.del as JournalLine['del'] };
}

/** What is on disk for a data file: the state (snapshot + journal), its seq, and the journal's complete length. */
interface DiskState {
  state: TalkState;
  seq: number;
  /** Bytes of the journal up to its last complete line (a torn last line of a crashed write is not counted). */
  journalBytes: number;
}

function readDisk(file: string): DiskState | null {
  const snapshotText = readText(file);
  const journalFile = journalFileOf(file);
  const journalText = readText(journalFile) ?? '';
  const table = new RecordTable();
  if (snapshotText === null) {
    if (journalText.trim() !== '') throw new DataFileError(journalFile, `it has entries but the data file ${file} it belongs to is missing`);
    return null;
  }
  const snapshot = readSnapshot(file, snapshotText, table);
  let { nextId, seq } = snapshot;
  // A last line without its newline is a write the crash interrupted: never fdatasync'ed, so never answered.
  const end = journalText.lastIndexOf('\n') + 1;
  const lines = journalText.slice(0, end).split('\n');
  lines.pop();
  let expected: number | null = null;
  lines.forEach((text, i) => {
    const line = journalLine(journalFile, i + 1, text);
    if (expected !== null && line.seq !== expected) {
      throw new DataFileError(journalFile, `line ${i + 1} has seq ${line.seq} where ${expected} was expected (entries missing or out of order)`);
    }
    expected = line.seq + 1;
    if (line.seq <= snapshot.seq) return;
    if (line.seq !== seq + 1) throw new DataFileError(journalFile, `line ${i + 1} has seq ${line.seq} but the data file ends at ${seq} (entries missing)`);
    for (const [kind, record] of line.put) table.put(kind, record, `line ${i + 1} of ${journalFile}`);
    for (const [kind, key] of line.del) table.delete(kind, key);
    nextId = line.nextId;
    seq = line.seq;
  });
  const state = table.toState(nextId);
  const origin = (kind: RecordKind, key: string) => `${kind} ${key} (from ${table.origins.get(`${kind}\u0000${key}`) ?? 'unknown'})`;
  const inconsistency = stateInconsistency(state, origin);
  if (inconsistency) throw new DataFileError(file, `it is inconsistent: ${inconsistency}`);
  return { state, seq, journalBytes: Buffer.byteLength(journalText.slice(0, end)) };
}

/**
 * Reads a data file and its journal (read-only; a running server's files can be read). Returns null when there
 * is no data file; throws {@link DataFileError} naming the file and line or record when it is unreadable, not
 * JSON, not a dev server state, or inconsistent.
 *
 * @example
 * const state = loadState('/tmp/talk.json'); // TalkState | null
 */
export function loadState(file: string): TalkState | null {
  return readDisk(file)?.state ?? null;
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const tempPrefix = (file: string) => `.${path.basename(file)}.`;

/**
 * Writes the state atomically: a temp file in the same directory, fsync, rename over the target, fsync of the
 * directory. `journalSeq` records the last journal line the snapshot covers.
 *
 * @example
 * await writeStateAtomic('/tmp/talk.json', store.toState());
 */
export async function writeStateAtomic(file: string, state: TalkState, journalSeq = 0): Promise<void> {
  const text = JSON.stringify({ ...state, journalSeq });
  const dir = path.dirname(file);
  const tmp = path.join(dir, `${tempPrefix(file)}${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Temp files a crashed server left next to the data file (only ever removed while holding its lock). */
function removeLeftoverTempFiles(file: string): void {
  const dir = path.dirname(file);
  const prefix = tempPrefix(file);
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(path.join(dir, name), { force: true });
  }
}

/** An opened data file: the state to start from, then {@link OpenedDataFile.startJournal} once the store exists. */
export interface OpenedDataFile {
  /** The stored state, or null for a new data file. */
  state: TalkState | null;
  /** Pid of the crashed server whose stale lock was taken over, if any. */
  tookOverFrom: number | null;
  /** Compacts what is on disk into a fresh snapshot of `live()` and starts the journal. */
  startJournal(live: () => TalkState, compactBytes?: number): Promise<StateJournal>;
  /** Releases the lock (after the journal is closed). */
  release(): void;
}

/**
 * Opens `--data FILE`: takes its lock (refusing when another live server holds it), reads and checks the
 * snapshot and journal (refusing, untouched, what is corrupt or inconsistent), removes temp files a crash left.
 *
 * @example
 * const data = openDataFile('/tmp/talk.json');
 * const store = data.state ? TalkStore.fromState(data.state) : TalkStore.create();
 * const journal = await data.startJournal(() => store.toState());
 */
export function openDataFile(file: string): OpenedDataFile {
  let lock: DataLock;
  try {
    lock = DataLock.acquire(file);
  } catch (error) {
    if (error instanceof DataLockError) throw new DataFileError(file, error.message, error.reason === 'in-use' ? 'data-file-locked' : 'data-file-invalid');
    throw error;
  }
  let disk: DiskState | null;
  try {
    disk = readDisk(file);
    removeLeftoverTempFiles(file);
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    state: disk?.state ?? null,
    tookOverFrom: lock.tookOverFrom,
    async startJournal(live, compactBytes) {
      const journalFile = journalFileOf(file);
      let handle: fs.FileHandle | undefined;
      try {
        // Start from a fresh snapshot of the live state and an empty journal (this also drops a torn last line).
        const state = live();
        const seq = disk?.seq ?? 0;
        handle = await fs.open(journalFile, 'a', 0o600);
        await writeStateAtomic(file, state, seq);
        await handle.truncate(0);
        await handle.sync();
        const journal = new StateJournal({
          handle,
          file: journalFile,
          state: live,
          persisted: state,
          seq,
          bytes: 0,
          writeSnapshot: (s, journalSeq) => writeStateAtomic(file, s, journalSeq),
          compactBytes,
        });
        return journal;
      } catch (error) {
        await handle?.close().catch(() => undefined);
        if (error instanceof DataFileError) throw error;
        throw new DataFileError(file, `it cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    },
    release: () => lock.release(),
  };
}
