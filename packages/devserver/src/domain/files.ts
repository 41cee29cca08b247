// A user's files, as far as Talk needs them: WebDAV uploads (`PUT /remote.php/dav/files/{user}/{path}`) that
// `shareFile` can then share into a conversation. The store keeps names, sizes and types (persisted), not the bytes.
import { createHash } from 'node:crypto';
import type { TalkStore } from './store.js';

/** An uploaded file. */
export interface FileRecord {
  id: number;
  owner: string;
  /** Below the user's root, with a leading slash: `/Talk/notes.txt`. */
  path: string;
  size: number;
  mimetype: string;
  mtime: number;
  etag: string;
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
};

/** A path below a user's root, normalised to one leading slash and no `.`/`..` segments; null when it escapes. */
export function normalFilePath(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** The mimetype Nextcloud would detect from the name (or the upload's `Content-Type`). */
export function mimetypeOf(path: string, contentType?: string | null): string {
  const ext = path.includes('.') ? (path.split('.').pop() ?? '').toLowerCase() : '';
  return MIME[ext] ?? (contentType?.split(';')[0].trim() || 'application/octet-stream');
}

/** The files operations. */
export const files = {
  /** Stores an upload; `created` is false when it replaced a file (WebDAV 204 instead of 201). */
  put(store: TalkStore, owner: string, path: string, bytes: Uint8Array, contentType?: string | null): { file: FileRecord; created: boolean } {
    let mine = store.files.get(owner);
    if (!mine) store.files.set(owner, (mine = new Map()));
    const existing = mine.get(path);
    const etag = createHash('md5').update(bytes).update(String(store.now())).digest('hex');
    const file: FileRecord = {
      id: existing?.id ?? store.nextId.file++,
      owner,
      path,
      size: bytes.byteLength,
      mimetype: mimetypeOf(path, contentType),
      mtime: store.now(),
      etag,
    };
    mine.set(path, file);
    store.changed();
    return { file, created: !existing };
  },
  get(store: TalkStore, owner: string, path: string): FileRecord | undefined {
    return store.files.get(owner)?.get(path);
  },
};
