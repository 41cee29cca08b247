// Bot signatures (bots.md): known vectors computed independently with node:crypto, and refusals.
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signBotRequest, talkSignature, verifyTalkWebhook } from '../src/index.js';

const SECRET = 'a-bot-secret-of-forty-characters-length!';
const RANDOM = 'kJ5rX1oW9aQ2sZ7uV4bN8mC3xL6pT0yE1gH5jK9dF2qR7wS4tU8vB3nM6cX0zA1e';
const BODY =
  '{"type":"Create","actor":{"type":"Person","id":"users/ada","name":"Ada 🚀"},"object":{"type":"Note","id":"1","name":"message","content":"{}","mediaType":"text/plain"},"target":{"type":"Collection","id":"n3xtc10ud","name":"world"}}';
/** Independently: node:crypto over the same bytes. */
const reference = (secret: string, random: string, body: string) =>
  createHmac('sha256', secret)
    .update(random + body, 'utf8')
    .digest('hex');
const KNOWN = reference(SECRET, RANDOM, BODY);

describe('talkSignature', () => {
  const cases: Array<[string, { given: [string, string, string]; want: string }]> = [
    ['webhook body with a non-ASCII character', { given: [SECRET, RANDOM, BODY], want: KNOWN }],
    ['bot message text', { given: ['s3cr3t', 'r', 'Build 1234 passed'], want: reference('s3cr3t', 'r', 'Build 1234 passed') }],
    ['empty text', { given: ['s3cr3t', 'r', ''], want: reference('s3cr3t', 'r', '') }],
    // RFC 4231 test case 2 (key "Jefe"), with the data split into random + text
    ['RFC 4231 case 2', { given: ['Jefe', 'what do ya want ', 'for nothing?'], want: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' }],
  ];
  test.each(cases)('%s', async (_name, { given, want }) => {
    expect(await talkSignature(...given)).toBe(want);
  });
  test('an empty secret is refused with a clear error', async () => {
    await expect(talkSignature('', RANDOM, BODY)).rejects.toThrow(/secret is empty/);
  });
});

describe('verifyTalkWebhook', () => {
  const headers = (signature: string | null, random: string | null = RANDOM) => {
    const h: Record<string, string> = { 'content-type': 'application/json', 'x-nextcloud-talk-backend': 'https://cloud.example.com/' };
    if (signature !== null) h['X-Nextcloud-Talk-Signature'] = signature;
    if (random !== null) h['X-Nextcloud-Talk-Random'] = random;
    return h;
  };
  const flipped = KNOWN.slice(0, -1) + (KNOWN.endsWith('0') ? '1' : '0');
  const cases: Array<[string, { given: { headers: Record<string, string>; body: string | Uint8Array }; secret: string; want: boolean }]> = [
    ['right signature', { given: { headers: headers(KNOWN), body: BODY }, secret: SECRET, want: true }],
    ['right signature in upper case', { given: { headers: headers(KNOWN.toUpperCase()), body: BODY }, secret: SECRET, want: true }],
    ['body as bytes', { given: { headers: headers(KNOWN), body: new TextEncoder().encode(BODY) }, secret: SECRET, want: true }],
    ['wrong signature (last digit changed)', { given: { headers: headers(flipped), body: BODY }, secret: SECRET, want: false }],
    ['wrong secret', { given: { headers: headers(KNOWN), body: BODY }, secret: 'another-secret', want: false }],
    ['body changed', { given: { headers: headers(KNOWN), body: BODY.replace('Ada', 'Eve') }, secret: SECRET, want: false }],
    ['random changed', { given: { headers: headers(KNOWN, RANDOM.toLowerCase()), body: BODY }, secret: SECRET, want: false }],
    ['signature missing', { given: { headers: headers(null), body: BODY }, secret: SECRET, want: false }],
    ['random missing', { given: { headers: headers(KNOWN, null), body: BODY }, secret: SECRET, want: false }],
    ['signature truncated', { given: { headers: headers(KNOWN.slice(0, 32)), body: BODY }, secret: SECRET, want: false }],
  ];
  test.each(cases)('%s', async (_name, { given, secret, want }) => {
    expect(await verifyTalkWebhook(given, secret)).toBe(want);
  });

  test('a Request is verified and its body stays readable', async () => {
    const request = new Request('http://127.0.0.1/bot', { method: 'POST', headers: new Headers(headers(KNOWN)), body: BODY });
    expect(await verifyTalkWebhook(request, SECRET)).toBe(true);
    expect(await request.text()).toBe(BODY);
    const forged = new Request('http://127.0.0.1/bot', { method: 'POST', headers: new Headers(headers(flipped)), body: BODY });
    expect(await verifyTalkWebhook(forged, SECRET)).toBe(false);
  });
});

describe('signBotRequest', () => {
  test('signs random + text and gives the two headers', async () => {
    const signed = await signBotRequest(SECRET, 'Build 1234 passed', RANDOM);
    expect(signed.signature).toBe(reference(SECRET, RANDOM, 'Build 1234 passed'));
    expect(signed.headers).toEqual({ 'X-Nextcloud-Talk-Bot-Random': RANDOM, 'X-Nextcloud-Talk-Bot-Signature': signed.signature });
  });
  test('without a random value it draws 64 fresh hex characters each time', async () => {
    const [a, b] = await Promise.all([signBotRequest(SECRET, 'x'), signBotRequest(SECRET, 'x')]);
    expect(a.random).toMatch(/^[0-9a-f]{64}$/);
    expect(a.random).not.toBe(b.random);
    expect(a.signature).toBe(reference(SECRET, a.random, 'x'));
  });
});
