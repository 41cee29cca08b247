import { parseFormParameterMap, type FormValue } from './form-parameters.js';

/** A `multipart/form-data` body that could not be used as parameters. */
export class MultipartFormError extends Error {
  /** The field at fault, or `''` for the body as a whole. */
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(message);
    this.name = 'MultipartFormError';
    this.parameter = parameter;
  }
}

// The platform's multipart parser (undici), taken before @hono/node-server swaps in its lighter Response.
const PlatformResponse = globalThis.Response;

/**
 * Parse a `multipart/form-data` body (what `fetch` sends for a `FormData`) into the same parameter map as a
 * urlencoded form, PHP-style brackets included (`ids[]`, `o[k]`). Talk takes no file uploads on these
 * endpoints, so a file part is refused, as is a body that is not valid multipart.
 *
 * @example
 * ```ts
 * const params = await parseMultipartForm(bytes, 'multipart/form-data; boundary=x'); // Map { 'message' => 'hi' }
 * ```
 */
export async function parseMultipartForm(body: Uint8Array, contentType: string): Promise<Map<string, FormValue>> {
  let form: FormData;
  try {
    form = await new PlatformResponse(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new MultipartFormError('', 'is not valid multipart/form-data');
  }
  const fields = new URLSearchParams();
  for (const [name, value] of form) {
    if (typeof value !== 'string') throw new MultipartFormError(name.replace(/\[.*$/, ''), 'is a file upload, which this operation does not take');
    fields.append(name, value);
  }
  return parseFormParameterMap(fields.toString());
}
