// How the client benchmark bundles an app (and packages/client/test/facade-bundle.test.ts, which checks what such a
// bundle holds): esbuild, one ESM file for browsers, minified, with its metafile.
import { build, type Metafile } from 'esbuild';

/** The minified bundle of an app given as source (`contents`, imports resolved from `resolveDir`). */
export async function bundleApp(contents: string, resolveDir: string): Promise<{ code: Uint8Array; text: string; metafile: Metafile }> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0]!;
  return { code: output.contents, text: output.text, metafile: result.metafile as Metafile };
}
