// The write-ahead journal of `--data FILE`: `FILE.journal` holds one JSON line per commit, appended and
// fdatasync'ed before the writes it holds are answered (group commit: the writes that arrive while one commit is
// on its way to the disk go out together in the next). Compacted into the snapshot `FILE` at start, on close and
// when it grows past `compactBytes`.
import { rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { TalkState } from './domain/records.js';
import { RECORD_KINDS, recordKey, recordsOf } from './state-check.js';
import type { RecordKind } from './state-check.js';

/** One journal line: the records put and deleted since the previous line, and the id counters. */
export interface JournalLine {
  seq: number;
  nextId: TalkState['nextId'];
  put: [RecordKind, Record<string, unknown>][];
  del: [RecordKind, string | number][];
}

interface Persisted {
  /** The record as it was last written (parsed back from its JSON). */
  copy: unknown;
  /** The commit that last saw the record in the state (records not seen by the current one were deleted). */
  seen: number;
}

/** Deep equality of a live record and its written copy (`undefined` properties count as absent, as in JSON). */
function same(live: unknown, copy: unknown): boolean {
  if (live === copy) return true;
  if (typeof live !== 'object' || typeof copy !== 'object' || live === null || copy === null) return false;
  if (Array.isArray(live)) {
    if (!Array.isArray(copy) || live.length !== copy.length) return false;
    for (let i = 0; i < live.length; i++) if (!same(live[i], copy[i])) return false;
    return true;
  }
  if (Array.isArray(copy)) return false;
  const a = live as Record<string, unknown>;
  const b = copy as Record<string, unknown>;
  let count = 0;
  for (const key in a) {
    const value = a[key];
    if (value === undefined) continue;
    count++;
    if (!same(value, b[key])) return false;
  }
  let copyCount = 0;
  for (const _ in b) copyCount++;
  return count === copyCount;
}

/** Writes a snapshot of `state` (with `journalSeq`) atomically; provided by persistence. */
export type SnapshotWriter = (state: TalkState, journalSeq: number) => Promise<void>;

/** Options of {@link StateJournal}. */
export interface StateJournalOptions {
  /** The journal file handle, opened for appending. */
  handle: FileHandle;
  /** The journal file (removed on close, after its last compaction). */
  file: string;
  /** The live state (records are compared with what was written last). */
  state: () => TalkState;
  /** The state as it is on disk now (snapshot + journal), and the last journal seq applied to it. */
  persisted: TalkState;
  seq: number;
  /** Bytes already in the journal file. */
  bytes: number;
  writeSnapshot: SnapshotWriter;
  /** Compact when the journal grows past this many bytes (default 8 MiB). */
  compactBytes?: number;
}

/**
 * Group-committed, fdatasync'ed journal of state changes.
 *
 * @example
 * store.onChange = () => journal.markDirty();
 * // after a handler ran, before answering:
 * if (journal.needsCommit()) await journal.commit(); // the change is on disk
 */
export class StateJournal {
  private readonly handle: FileHandle;
  private readonly file: string;
  private readonly state: () => TalkState;
  private readonly writeSnapshot: SnapshotWriter;
  private readonly compactBytes: number;
  private readonly persisted = new Map<RecordKind, Map<string | number, Persisted>>();
  private nextId: TalkState['nextId'];
  private seq: number;
  private bytes: number;
  private generation = 0;
  private dirty = false;
  private inflight: Promise<void> | null = null;
  private queued: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | null = null;
  private wakes: (() => void)[] = [];
  private wakeTimer: NodeJS.Immediate | null = null;
  private failure: Error | null = null;
  private closed = false;

  constructor(options: StateJournalOptions) {
    this.handle = options.handle;
    this.file = options.file;
    this.state = options.state;
    this.writeSnapshot = options.writeSnapshot;
    this.compactBytes = options.compactBytes ?? 8 * 1024 * 1024;
    this.seq = options.seq;
    this.bytes = options.bytes;
    this.nextId = { ...options.persisted.nextId };
    for (const kind of RECORD_KINDS) {
      const map = new Map<string | number, Persisted>();
      for (const record of recordsOf(options.persisted, kind)) {
        map.set(recordKey(kind, record), { copy: JSON.parse(JSON.stringify(record)), seen: 0 });
      }
      this.persisted.set(kind, map);
    }
  }

  /** The state changed since the last commit (wire to `store.onChange`). */
  markDirty(): void {
    this.dirty = true;
  }

  /** Whether an answer must wait for a commit: there are unwritten changes, or changes on their way to the disk. */
  needsCommit(): boolean {
    return this.dirty || this.inflight !== null;
  }

  /** The write error that stopped the journal, if any (every later commit fails with it). */
  get error(): Error | null {
    return this.failure;
  }

  /** Resolves once every change made before this call is on disk (fdatasync'ed); rejects when writing failed. */
  commit(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.inflight) return this.startBatch();
    if (!this.queued) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.queued = { promise, resolve, reject };
    }
    return this.queued.promise;
  }

  /** Starts a batch; when it ends, the commits queued meanwhile start the next one (group commit). */
  private startBatch(): Promise<void> {
    // `finally` callbacks run asynchronously, so `inflight` is set before the batch can clear it.
    const batch: Promise<void> = this.writeBatch().finally(() => {
      if (this.inflight === batch) this.inflight = null;
      const next = this.queued;
      this.queued = null;
      if (next) this.commit().then(next.resolve, next.reject);
    });
    this.inflight = batch;
    return batch;
  }

  /** Runs `wake` once the changes made so far are on disk (long-poll answers never show unwritten messages). */
  afterDurable(wake: () => void): void {
    this.wakes.push(wake);
    this.wakeTimer ??= setImmediate(() => {
      this.wakeTimer = null;
      if (this.wakes.length > 0) this.commit().catch(() => undefined);
    });
  }

  /** Waits for pending commits, compacts the journal into the snapshot and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.wakeTimer) clearImmediate(this.wakeTimer);
    await this.commit().catch(() => undefined);
    try {
      if (!this.failure) await this.compact();
    } finally {
      await this.handle.close();
    }
    if (!this.failure) await rm(this.file, { force: true });
  }

  private async writeBatch(): Promise<void> {
    const wakes = this.wakes;
    this.wakes = [];
    try {
      if (this.bytes >= this.compactBytes) await this.compact();
      else {
        const line = this.diff();
        if (line !== null) {
          const before = this.bytes;
          try {
            const { bytesWritten } = await this.handle.write(line);
            if (bytesWritten !== Buffer.byteLength(line)) throw new Error(`short write (${bytesWritten} bytes)`);
            await this.handle.datasync();
          } catch (error) {
            await this.handle.truncate(before).catch(() => undefined);
            throw error;
          }
          this.bytes += Buffer.byteLength(line);
        }
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      throw this.failure;
    } finally {
      for (const wake of wakes) wake();
    }
  }

  /** Compares the live state with what was written and returns the journal line of the difference (null: none). */
  private diff(): string | null {
    this.dirty = false;
    const state = this.state();
    const generation = ++this.generation;
    const put: string[] = [];
    const del: string[] = [];
    for (const kind of RECORD_KINDS) {
      const map = this.persisted.get(kind) as Map<string | number, Persisted>;
      const kindJson = JSON.stringify(kind);
      for (const record of recordsOf(state, kind)) {
        const key = recordKey(kind, record);
        const entry = map.get(key);
        if (entry && same(record, entry.copy)) {
          entry.seen = generation;
          continue;
        }
        const json = JSON.stringify(record);
        put.push(`[${kindJson},${json}]`);
        map.set(key, { copy: JSON.parse(json), seen: generation });
      }
      for (const [key, entry] of map) {
        if (entry.seen === generation) continue;
        del.push(`[${kindJson},${JSON.stringify(key)}]`);
        map.delete(key);
      }
    }
    const nextIdSame = same(state.nextId, this.nextId);
    if (put.length === 0 && del.length === 0 && nextIdSame) return null;
    this.nextId = { ...state.nextId };
    this.seq++;
    return `{"seq":${this.seq},"nextId":${JSON.stringify(this.nextId)},"put":[${put.join(',')}],"del":[${del.join(',')}]}\n`;
  }

  /** Writes the live state as the snapshot (covering every journal line) and empties the journal. */
  private async compact(): Promise<void> {
    this.diff();
    await this.writeSnapshot(this.state(), this.seq);
    await this.handle.truncate(0);
    await this.handle.datasync();
    this.bytes = 0;
  }
}
