// The slice of Nextcloud's WebDAV that Talk clients use before sharing a file: `PUT /remote.php/dav/files/{user}/{path}`.
import { BodyTooLargeError, readRequestBody } from '@talk-contract/server';
import { files, normalFilePath } from './domain/files.js';
import type { TalkStore } from './domain/store.js';

const DAV_FILES = /^\/remote\.php\/dav\/files\/([^/]+)(\/.*)$/;
/** Largest upload the dev server keeps in memory. */
export const UPLOAD_LIMIT = 1024 * 1024;

/** The upload (at most `limit` bytes, counted while it streams), or null when it is larger. */
async function boundedBytes(request: Request, limit: number): Promise<Uint8Array | null> {
  try {
    return await readRequestBody(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return null;
    throw error;
  }
}

/**
 * Answers a WebDAV request of `userId` (already authenticated, or null), or null when the path is not WebDAV.
 * Only `PUT` of a file is supported (201 new, 204 replaced); other methods get 405.
 *
 * @example
 * const answer = await webdav(request, store, 'alice'); // PUT /remote.php/dav/files/alice/notes.txt → 201
 */
export async function webdav(request: Request, store: TalkStore, userId: string | null): Promise<Response | null> {
  const match = DAV_FILES.exec(new URL(request.url).pathname);
  if (!match) return null;
  if (!userId) return new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="Nextcloud"' } });
  if (decodeURIComponent(match[1]) !== userId) return new Response(null, { status: 403 });
  if (request.method !== 'PUT') return new Response(null, { status: 405, headers: { allow: 'PUT' } });
  const path = normalFilePath(decodeURIComponent(match[2]));
  if (path === null || path === '/') return new Response(null, { status: 400 });
  if (Number(request.headers.get('content-length') ?? 0) > UPLOAD_LIMIT) return new Response(null, { status: 413 });
  const bytes = await boundedBytes(request, UPLOAD_LIMIT);
  if (bytes === null) return new Response(null, { status: 413 });
  const { file, created } = files.put(store, userId, path, bytes, request.headers.get('content-type'));
  const etag = `"${file.etag}"`;
  const fileId = `${String(file.id).padStart(8, '0')}ocdevserver`;
  return new Response(null, { status: created ? 201 : 204, headers: { etag, 'oc-etag': etag, 'oc-fileid': fileId } });
}
