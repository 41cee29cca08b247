// `<data file>.lock`: one dev server per data file. Created exclusively with the holder's pid; a lock whose pid
// is no longer running (a crashed server) is taken over.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';

/** What a lock file holds. */
interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
  nonce: string;
}

/** Why a lock could not be taken: the data file is in use, or the lock file cannot be written. */
export class DataLockError extends Error {
  constructor(
    readonly reason: 'in-use' | 'io',
    message: string,
    /** The pid holding the lock (`in-use`). */
    readonly holderPid?: number,
  ) {
    super(message);
    this.name = 'DataLockError';
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return Number.isSafeInteger(value.pid) ? (value as LockHolder) : null;
  } catch {
    return null;
  }
}

/** Lock files taken by this process (a second server in the same process must be refused too). */
const heldHere = new Set<string>();

/**
 * An exclusive lock on a data file, held until `release()`.
 *
 * @example
 * const lock = DataLock.acquire('/tmp/talk.json'); // creates /tmp/talk.json.lock
 * lock.release();
 */
export class DataLock {
  private released = false;

  private constructor(
    /** The lock file (`<data file>.lock`). */
    readonly file: string,
    private readonly holder: LockHolder,
    /** The pid of a crashed server whose stale lock was taken over, if any. */
    readonly tookOverFrom: number | null,
  ) {}

  /** Takes the lock of `dataFile` or throws {@link DataLockError} naming the holder's pid. */
  static acquire(dataFile: string): DataLock {
    const file = `${dataFile}.lock`;
    const holder: LockHolder = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), nonce: randomBytes(8).toString('hex') };
    let tookOverFrom: number | null = null;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o600);
        try {
          writeSync(fd, `${JSON.stringify(holder)}\n`);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        heldHere.add(file);
        return new DataLock(file, holder, tookOverFrom);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') throw new DataLockError('io', `it cannot be written (${code ?? String(error)})`);
      }
      const current = readHolder(file);
      if (current && (heldHere.has(file) || (current.pid !== process.pid && running(current.pid)))) {
        throw new DataLockError(
          'in-use',
          `it is in use by another talk-devserver (pid ${current.pid}, lock file ${file}); stop that server or use another --data path`,
          current.pid,
        );
      }
      // Stale (its pid is gone) or unreadable (a crash between creating and writing it): take it over. Moving it
      // aside first and checking what was moved keeps two servers that start at once from both taking it.
      const aside = `${file.replace(/[^/]*$/, (base) => `.${base}`)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        renameSync(file, aside);
      } catch {
        continue;
      }
      const moved = readHolder(aside);
      if (moved && current && moved.nonce !== current.nonce) {
        try {
          linkSync(aside, file);
        } catch {
          // Someone else holds a newer lock already; theirs stays.
        }
        unlinkSync(aside);
        continue;
      }
      unlinkSync(aside);
      tookOverFrom = current?.pid ?? null;
    }
    throw new DataLockError('io', `its lock file ${file} keeps changing (another server starting at the same time?)`);
  }

  /** Removes the lock file (only if it is still ours). */
  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.file);
    if (readHolder(this.file)?.nonce === this.holder.nonce) {
      try {
        unlinkSync(this.file);
      } catch {
        // Already gone.
      }
    }
  }
}
