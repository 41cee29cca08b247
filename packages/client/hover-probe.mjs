import ts from 'typescript';
import fs from 'node:fs';
import path from 'node:path';
const dir = process.cwd();
const cfg = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} });
const file = path.join(dir, 'test/hover-probe.ts');
const host = {
  getScriptFileNames: () => [file],
  getScriptVersion: () => '1',
  getScriptSnapshot: (f) => (fs.existsSync(f) ? ts.ScriptSnapshot.fromString(fs.readFileSync(f, 'utf8')) : undefined),
  getCurrentDirectory: () => dir,
  getCompilationSettings: () => cfg.options,
  getDefaultLibFileName: ts.getDefaultLibFilePath,
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const ls = ts.createLanguageService(host);
const text = fs.readFileSync(file, 'utf8');
for (const word of ['source', 'limit', 'x']) {
  const q = ls.getQuickInfoAtPosition(file, text.indexOf(word + ':'));
  console.log(
    word,
    ts.displayPartsToString(q?.displayParts),
    '|',
    ts.displayPartsToString(q?.documentation),
    '|',
    JSON.stringify(q?.tags?.map((t) => [t.name, ts.displayPartsToString(t.text)])),
  );
}
