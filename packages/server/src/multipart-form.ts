import { parseFormParameterMap, type FormValue } from './form-parameters.js';

/** A parsed multipart body: its text fields as form parameters, and the file parts of binary fields. */
export interface MultipartForm {
  fields: Map<string, FormValue>;
  files: Map<string, File>;
}

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
 * urlencoded form, PHP-style brackets included (`ids[]`, `o[k]`). A file part is taken only for a field in
 * `fileFields` (the operation's binary properties, like the avatar's `file`); any other file part is refused
 * naming its field, as is a body that is not valid multipart.
 *
 * @example
 * ```ts
 * const { fields, files } = await parseMultipartForm(bytes, 'multipart/form-data; boundary=x', new Set(['file']));
 * fields; // Map { 'message' => 'hi' }
 * files.get('file')?.name; // 'avatar.png'
 * ```
 */
export async function parseMultipartForm(body: Uint8Array, contentType: string, fileFields: ReadonlySet<string> = new Set()): Promise<MultipartForm> {
  let form: FormData;
  try {
    form = await new PlatformResponse(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new MultipartFormError('', 'is not valid multipart/form-data');
  }
  const fields = new URLSearchParams();
  const files = new Map<string, File>();
  for (const [name, value] of form) {
    if (typeof value === 'string') fields.append(name, value);
    else if (fileFields.has(name) && !files.has(name)) files.set(name, value);
    else throw new MultipartFormError(name.replace(/\[.*$/, ''), fileFields.has(name) ? 'takes one file' : 'is a file upload, which this field does not take');
  }
  return { fields: parseFormParameterMap(fields.toString()), files };
}
