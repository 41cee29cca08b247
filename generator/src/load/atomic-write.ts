import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Write several files so that either all of them are replaced or none: every file is first written to a
 * temporary sibling, and only when all writes succeeded are they renamed over the targets.
 */
export async function writeFilesAtomically(files: ReadonlyArray<{ path: string; content: string }>): Promise<void> {
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true });
      const temp = `${file.path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, file.content);
      staged.push({ temp, target: file.path });
    }
  } catch (error) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    throw error;
  }
  for (const s of staged) await rename(s.temp, s.target);
}
