// Browser test of the docs site: real chromium (Debian's) driven by playwright-core, every non-loopback
// request blocked. Skipped loudly where chromium is missing on a developer machine; in CI it always runs.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiVersions } from '@talk-contract/spec';
import { serveStatic } from '../src/static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist');
const outputDir = process.env.TALK_CONTRACT_TEST_OUTPUT ?? path.join(here, '..', 'test-output');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const versions = apiVersions;
/** The one request the docs may fail: Redocly's cosmetic logo, loaded from its CDN. */
const KNOWN_COSMETIC = 'https://cdn.redoc.ly/redoc/logo-mini-full.svg';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

if (!hasChromium) {
  const message = `\n!!! ${chromiumPath} not found: the docs browser test ${process.env.CI ? 'FAILS in CI' : 'is SKIPPED on this machine'}. Install it with: apt-get install chromium\n`;
  console.warn(message);
  if (process.env.CI) it('chromium is installed', () => expect.fail(message));
}

interface SliceOperation {
  operationId: string;
  summary: string;
}
async function sliceOperations(version: string): Promise<SliceOperation[]> {
  const specFile = fileURLToPath(import.meta.resolve(`@talk-contract/spec/openapi.${version}.json`));
  const slice = JSON.parse(await readFile(specFile, 'utf8')) as { paths: Record<string, Record<string, { operationId: string; summary: string }>> };
  const ops: SliceOperation[] = [];
  for (const item of Object.values(slice.paths)) for (const m of METHODS) if (item[m]) ops.push(item[m]);
  return ops.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

describe.skipIf(!hasChromium)('docs site in chromium', () => {
  let browser: Browser;
  let site: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    expect(existsSync(path.join(dist, 'index.html')), 'packages/docs/dist is built (npm run build)').toBe(true);
    await mkdir(outputDir, { recursive: true });
    site = await serveStatic({ root: dist, port: 0 });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** Open a page with every non-loopback request blocked; collect failures and console errors. */
  async function open(name: string): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(site.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      if (url !== KNOWN_COSMETIC) problems.push(`non-loopback request blocked: ${url}`);
      return route.abort();
    });
    page.on('requestfailed', (request) => {
      if (request.url() !== KNOWN_COSMETIC) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && message.location().url !== KNOWN_COSMETIC) problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const response = await page.goto(site.url + name, { waitUntil: 'load' });
    expect(response?.status(), `${name} is served`).toBe(200);
    return { page, problems };
  }

  async function navLinks(page: Page): Promise<string[]> {
    return page.$$eval('nav.site-nav a', (links) => links.map((a) => a.getAttribute('href') ?? ''));
  }

  it('the landing page explains auth, the envelope, versions and capabilities, and links every version', async () => {
    const { page, problems } = await open('index.html');
    const text = await page.evaluate(() => document.body.innerText);
    for (const phrase of ['app password', 'OCS-APIRequest: true', 'OCS envelope', 'since Nextcloud 22', 'Capabilities']) {
      expect(text).toContain(phrase);
    }
    const links = await navLinks(page);
    for (const v of versions) expect(links).toContain(`${v}.html`);
    for (const link of links) {
      const response = await page.request.get(site.url + link);
      expect(response.status(), `nav link ${link}`).toBe(200);
    }
    await page.screenshot({ path: path.join(outputDir, 'index.png'), fullPage: false });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('every "What changed" page is linked from the landing page, renders the diff and loads offline', async () => {
    const { page: landing } = await open('index.html');
    const changePages = (await navLinks(landing)).filter((href) => href.startsWith('changes-'));
    await landing.context().close();
    expect(changePages).toEqual(versions.slice(1).map((v, i) => `changes-${versions[i]}-${v}.html`));
    for (const name of changePages) {
      const { page, problems } = await open(name);
      const [from, to] = name.replace('.html', '').split('-').slice(1);
      await expect(page.locator('h2').first().textContent()).resolves.toBe(`What changed from API ${from} to ${to}`);
      const sections = await page.locator('h3').allTextContents();
      expect(sections.length, `${name} lists changes`).toBeGreaterThan(0);
      await page.screenshot({ path: path.join(outputDir, name.replace('.html', '.png')), fullPage: false });
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it('the v4 page shows the meaning of enum values and a @talk-contract/client sample, under a clean title', async () => {
    const { page, problems } = await open('v4.html');
    await expect(page.locator('h1').first().textContent({ timeout: 10_000 })).resolves.toBe('Nextcloud Talk API v4 (contract 19.0.0)');
    await page.goto(`${site.url}v4.html#/conversation/createconversation`, { waitUntil: 'load' });
    // createConversation's roomType: the value table with constants and meanings.
    const meaning = page.locator('td', { hasText: 'ConversationType.Group' }).first();
    await meaning.waitFor({ state: 'attached', timeout: 10_000 });
    await meaning.scrollIntoViewIfNeeded();
    await expect(meaning.isVisible()).resolves.toBe(true);
    expect(await meaning.locator('xpath=..').innerText()).toMatch(/^2\s+ConversationType\.Group\s+Group$/);
    const link = page.locator('a[href="constants.html#ConversationType"]').first();
    await expect(link.isVisible()).resolves.toBe(true);
    // getConversation: its request sample is the client call.
    await page.goto(`${site.url}v4.html#/conversation/getconversation`, { waitUntil: 'load' });
    const sample = page.locator('pre', { hasText: "await talk.conversations.get('abc123xy');" }).first();
    await sample.waitFor({ state: 'attached', timeout: 10_000 });
    await sample.scrollIntoViewIfNeeded();
    await expect(sample.isVisible()).resolves.toBe(true);
    await expect(sample.innerText()).resolves.toContain("import { createTalkClient } from '@talk-contract/client';");
    // Examples are expanded to every level: the last message inside the Room inside the OCS envelope shows its fields.
    await page.locator('pre, code', { hasText: '"lastMessage"' }).first().waitFor({ state: 'attached', timeout: 10_000 });
    const shown = await page.evaluate(() => [...document.querySelectorAll('pre, code')].map((e) => (e as HTMLElement).innerText).join('\n'));
    expect(shown).toMatch(/"lastMessage": \{\s*"id": \d+,[\s\S]*"actorDisplayName"/);
    await page.screenshot({ path: path.join(outputDir, 'v4-sample.png'), fullPage: false });
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/constants\.md/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the v4 page renders the webhooks (payload and signature headers) and the binary avatar responses', async () => {
    const { page, problems } = await open('v4.html');
    await page.locator('h1').first().waitFor({ timeout: 10_000 });
    /** Open an operation's section and wait for `text` to be shown on it (not only in Redoc's embedded state). */
    const shows = async (hash: string, text: string) => {
      await page.goto(`${site.url}v4.html${hash}`, { waitUntil: 'load' });
      const node = page.getByText(text, { exact: true }).first();
      await node.waitFor({ state: 'attached', timeout: 10_000 });
      await node.scrollIntoViewIfNeeded();
      await expect(node.isVisible(), `${hash}: ${text}`).resolves.toBe(true);
    };
    // the botMessage webhook (OpenAPI 3.1 `webhooks`): marked as a webhook, its signature headers and its payload fields
    await shows('#/bot/botmessagewebhook', 'A chat message was posted (bot webhook)');
    await shows('#/bot/botmessagewebhook', 'Webhook');
    await shows('#/bot/botmessagewebhook', 'X-Nextcloud-Talk-Signature');
    await shows('#/bot/botmessagewebhook', '(BotActivityActor)');
    await shows('#/bot/botmessagewebhook', 'The display name of the actor.');
    // getConversationAvatar answers an image: the response body is `image/*`, a binary string
    await shows('#/conversation/getconversationavatar', 'The avatar image (PNG, JPEG, or SVG for emoji and default avatars).');
    const body = page
      .getByText('The avatar image (PNG, JPEG, or SVG for emoji and default avatars).')
      .first()
      .locator('xpath=ancestor::*[contains(., "image/*")][1]');
    await expect(body.innerText()).resolves.toMatch(/image\/\*\s+string/);
    await page.screenshot({ path: path.join(outputDir, 'v4-webhook-avatar.png'), fullPage: false });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('the constants page lists every enum and flag with values and meanings, linked from the navigation', async () => {
    const { page, problems } = await open('constants.html');
    expect(await navLinks(page)).toContain('constants.html');
    const section = page.locator('section#Permission');
    await expect(section.locator('h2').textContent()).resolves.toBe('Permission');
    await expect(section.locator('tr', { hasText: 'Permission.PublishAudio' }).innerText()).resolves.toMatch(
      /^16\s+Permission\.PublishAudio\s+Can publish audio stream$/,
    );
    await expect(page.locator('section#ConversationType tr', { hasText: 'ConversationType.NoteToSelf' }).innerText()).resolves.toMatch(/^6\s/);
    await page.screenshot({ path: path.join(outputDir, 'constants.png'), fullPage: false });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  for (const version of versions) {
    it(`the ${version} reference page shows every operation of the slice, searches, and loads offline`, async () => {
      const operations = await sliceOperations(version);
      expect(operations.length).toBeGreaterThan(0);
      const { page, problems } = await open(`${version}.html`);
      const landingLinks = await (async () => {
        const { page: landing } = await open('index.html');
        const links = await navLinks(landing);
        await landing.context().close();
        return links;
      })();
      expect(await navLinks(page), 'same navigation as the landing page').toEqual(landingLinks);

      const text = await page.evaluate(() => document.body.textContent ?? '');
      const missing = operations.filter((op) => !text.includes(op.summary)).map((op) => `${op.operationId}: ${op.summary}`);
      expect(missing, 'operation summaries missing from the page').toEqual([]);
      // Where real Talk differs from its docs, the page says so (the 401/412 answers of every operation).
      if (version === 'v4') expect(text).toContain('Differs from the Talk docs');

      // Search for the summary of one operation and expect it among the results.
      const target = operations[Math.floor(operations.length / 2)];
      await page
        .getByText(/Search/)
        .first()
        .click();
      await page.keyboard.type(target.summary);
      const hit = page.locator('[data-component-name="Search/SearchItem"]', { hasText: target.summary });
      await hit.first().waitFor({ state: 'visible', timeout: 10_000 });
      expect(await hit.count()).toBeGreaterThan(0);
      await page.keyboard.press('Escape');

      await page.screenshot({ path: path.join(outputDir, `${version}.png`), fullPage: false });
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});
