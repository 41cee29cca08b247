// The HMAC of Talk bots (bots.md "Signing and Verifying Requests"), on node:crypto: hex HMAC-SHA256 with the bot
// secret over the random value followed by the signed text. Talk signs its webhooks so (the raw body) and checks a
// bot's requests so (the `message` or `reaction`). @talk-contract/client has the same on Web Crypto for bots.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Talk refuses a bot request whose random value is shorter than this (400, as `BotController` does). */
export const MIN_BOT_RANDOM_LENGTH = 32;

/**
 * The hex HMAC-SHA256 with `secret` over `random` followed by `text`.
 *
 * @example
 * botSignature('the-secret', 'random', '{"type":"Join"}'); // 64 hex characters
 */
export function botSignature(secret: string, random: string, text: string): string {
  return createHmac('sha256', secret)
    .update(random + text)
    .digest('hex');
}

/**
 * Whether `signature` (hex, any case, as Talk lower-cases it) is the signature of `random + text` with `secret`,
 * compared in constant time.
 *
 * @example
 * isBotSignature('the-secret', random, 'Hello', request.headers.get('x-nextcloud-talk-bot-signature') ?? '');
 */
export function isBotSignature(secret: string, random: string, text: string, signature: string): boolean {
  const expected = Buffer.from(botSignature(secret, random, text));
  const given = Buffer.from(signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const RANDOM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A webhook's `X-Nextcloud-Talk-Random`: 64 characters of `[A-Za-z0-9+/]`, as Talk's `ISecureRandom::generate(64)`.
 *
 * @example
 * webhookRandom().length; // 64
 */
export function webhookRandom(): string {
  // 64 symbols: one byte masked to 6 bits picks each uniformly.
  return Array.from(randomBytes(64), (byte) => RANDOM_ALPHABET[byte & 63]).join('');
}
