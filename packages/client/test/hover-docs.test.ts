// What an editor shows when hovering a facade input field: the contract's description (TypeScript's language
// service, the one VS Code uses), also for fields the facade narrows (`source`) and through the mapped types.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const file = path.join(here, 'hover-fixture.ts');
const source = [
  "import type { TalkClient } from '../src/index.js';",
  "declare const talk: TalkClient<'v4'>;",
  "void talk.participants.add('abc123xy', { newParticipant: 'bob', source: 'users' });",
  "void talk.chat.receive('abc123xy', { lookIntoFuture: 0, limit: 10 });",
  'void talk.conversations.getNoteToSelfConversation();',
].join('\n');

let service: ts.LanguageService | undefined;
function languageService(): ts.LanguageService {
  if (service) return service;
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) =>
      f === file ? ts.ScriptSnapshot.fromString(source) : existsSync(f) ? ts.ScriptSnapshot.fromString(readFileSync(f, 'utf8')) : undefined,
    getCurrentDirectory: () => root,
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (f) => f === file || ts.sys.fileExists(f),
    readFile: (f) => (f === file ? source : ts.sys.readFile(f)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return (service = ts.createLanguageService(host));
}

function quickInfo(word: string): { text: string; tags: string[] } {
  const info = languageService().getQuickInfoAtPosition(file, source.indexOf(word));
  return {
    text: ts.displayPartsToString(info?.displayParts),
    tags: (info?.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`),
  };
}

describe('hover on facade inputs', () => {
  it.each([
    ['source:', /^@description Source of the participant\(s\) as returned by the autocomplete suggestion endpoint/],
    ['limit:', /^@description Number of chat messages to receive/],
  ])(
    '%s shows the contract description',
    (word, want) => {
      const { tags } = quickInfo(word);
      expect(
        tags.some((t) => want.test(t)),
        tags.join('\n'),
      ).toBe(true);
    },
    60_000,
  );

  it("`source` shows the contract's enum (AddParticipantSource) as its literal union", () => {
    expect(quickInfo('source:').text).toContain('"users" | "groups" | "emails" | "circles" | "phones"');
  }, 60_000);

  it('a deprecated method name says so', () => {
    const { tags } = quickInfo('getNoteToSelfConversation');
    expect(tags.join('\n')).toMatch(/@deprecated Renamed to `conversations\.noteToSelf`/);
  }, 60_000);
});
