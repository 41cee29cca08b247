// The recorded HTTP exchanges of ../shared/real-talk (HAR 1.2 files written by talk-scenarios/run.mjs).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** One request/response pair of a recording, with the scenario step that sent it. */
export interface RecordedExchange {
  /** HAR file relative to the release folder: `chat-history.har`, `configured/sip-recording.har`. */
  file: string;
  scenario: string;
  step: string;
  method: string;
  /** Path without the query string. */
  pathname: string;
  status: number;
  /** Response headers, names in lower case (the last value wins; `set-cookie` is not needed here). */
  headers: Record<string, string>;
  /** Base media type of the answer (`application/json`), `undefined` without a body. */
  mediaType?: string;
  /** The response text (`''` without a body). */
  body: string;
}

interface HarEntry {
  _scenario: string;
  _step: string;
  request: { method: string; url: string };
  response: { status: number; headers: Array<{ name: string; value: string }>; content: { text?: string; mimeType?: string } };
}

/**
 * Every exchange of every `*.har` below `folder` (sub-folders included), files in name order, entries in step order.
 *
 * @example
 * ```ts
 * const exchanges = readRecordedExchanges('../shared/real-talk/talk-21.1.0-nc-31.0.2');
 * exchanges.filter((e) => e.status === 412).length;
 * ```
 */
export function readRecordedExchanges(folder: string): RecordedExchange[] {
  const out: RecordedExchange[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.har')) out.push(...readHar(file, path.relative(folder, file)));
    }
  };
  walk(folder);
  return out;
}

function readHar(file: string, relative: string): RecordedExchange[] {
  const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: HarEntry[] } };
  return har.log.entries.map((e) => {
    const headers: Record<string, string> = {};
    for (const h of e.response.headers) headers[h.name.toLowerCase()] = h.value;
    const body = e.response.content.text ?? '';
    const contentType = headers['content-type'];
    return {
      file: relative.split(path.sep).join('/'),
      scenario: e._scenario,
      step: e._step,
      method: e.request.method.toUpperCase(),
      pathname: new URL(e.request.url).pathname,
      status: e.response.status,
      headers,
      mediaType: body === '' || contentType === undefined ? undefined : contentType.split(';')[0].trim().toLowerCase(),
      body,
    };
  });
}

/** `configured/sip-recording/verify-dialin`: where an exchange is, for messages and the allow-list. */
export function exchangeId(e: RecordedExchange): string {
  return `${e.file.replace(/\.har$/, '')}/${e.step}`;
}
