// Signatures of Talk bots (bots.md "Signing and Verifying Requests"): hex HMAC-SHA256 with the bot secret over the
// random value followed by the signed text. Talk signs every webhook it sends to a bot (headers
// X-Nextcloud-Talk-Random / -Signature / -Backend); a bot signs what it sends back (X-Nextcloud-Talk-Bot-Random /
// -Signature). Web Crypto only, so it runs in Node 20+ and in browsers.

/** A webhook request as plain data: the headers Talk sent and the raw body (as received, not re-serialised). */
export interface TalkWebhookInput {
  headers: Headers | Record<string, string | string[] | undefined>;
  body: string | Uint8Array | ArrayBuffer;
}

/** What {@link signBotRequest} returns: the random value, the signature and both as request headers. */
export interface BotRequestSignature {
  random: string;
  signature: string;
  headers: { 'X-Nextcloud-Talk-Bot-Random': string; 'X-Nextcloud-Talk-Bot-Signature': string };
}

const encoder = new TextEncoder();
const toBytes = (value: string | Uint8Array | ArrayBuffer): Uint8Array =>
  typeof value === 'string' ? encoder.encode(value) : value instanceof Uint8Array ? value : new Uint8Array(value);
const toHex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The hex HMAC-SHA256 with `secret` over `random` followed by `text`, as Talk computes it.
 *
 * @example
 * ```ts
 * await talkSignature('the-secret', 'random', '{"type":"Create"}'); // 64 hex characters
 * ```
 */
export async function talkSignature(secret: string, random: string, text: string | Uint8Array | ArrayBuffer): Promise<string> {
  if (secret === '') throw new TypeError('talkSignature: the bot secret is empty');
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const randomBytes = encoder.encode(random);
  const textBytes = toBytes(text);
  const data = new Uint8Array(randomBytes.length + textBytes.length);
  data.set(randomBytes, 0);
  data.set(textBytes, randomBytes.length);
  return toHex(await crypto.subtle.sign('HMAC', key, data));
}

function header(headers: TalkWebhookInput['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Compares two hex strings in time independent of where they differ (case-insensitive, as Talk's PHP sample). */
function sameHex(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x.charCodeAt(i) || 0) ^ (y.charCodeAt(i) || 0);
  return diff === 0;
}

/**
 * Whether a webhook request really comes from Talk: its `X-Nextcloud-Talk-Signature` is the HMAC-SHA256 of
 * `X-Nextcloud-Talk-Random` followed by the raw body, keyed with the bot secret. Missing headers give `false`.
 * A `Request` is read through a clone, so its body stays readable.
 *
 * @example
 * ```ts
 * // in a fetch handler (Hono, Deno, Workers, Node 20+)
 * if (!(await verifyTalkWebhook(request, process.env.BOT_SECRET!))) return new Response('bad signature', { status: 401 });
 * const activity = await request.json();
 * ```
 */
export async function verifyTalkWebhook(request: Request | TalkWebhookInput, secret: string): Promise<boolean> {
  const headers = request.headers;
  const random = header(headers, 'X-Nextcloud-Talk-Random');
  const signature = header(headers, 'X-Nextcloud-Talk-Signature');
  if (!random || !signature) return false;
  const body = typeof Request !== 'undefined' && request instanceof Request ? await request.clone().arrayBuffer() : (request as TalkWebhookInput).body;
  return sameHex(await talkSignature(secret, random, body), signature);
}

/**
 * Signs what a bot sends to Talk (`sendBotMessage`: the `message`; `reactAsBot`/`deleteBotReaction`: the
 * `reaction`) and returns the headers to send with it. `random` defaults to 64 random hex characters.
 *
 * @example
 * ```ts
 * const { headers } = await signBotRequest('the-secret', 'Build 1234 passed');
 * await fetch(`${origin}/ocs/v2.php/apps/spreed/api/v1/bot/${token}/message`, {
 *   method: 'POST',
 *   headers: { ...headers, 'OCS-APIRequest': 'true', 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ message: 'Build 1234 passed' }),
 * });
 * ```
 */
export async function signBotRequest(secret: string, text: string, random?: string): Promise<BotRequestSignature> {
  const value = random ?? toHex(crypto.getRandomValues(new Uint8Array(32)).buffer as ArrayBuffer);
  const signature = await talkSignature(secret, value, text);
  return { random: value, signature, headers: { 'X-Nextcloud-Talk-Bot-Random': value, 'X-Nextcloud-Talk-Bot-Signature': signature } };
}
