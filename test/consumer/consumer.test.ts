// Install the packed spec, types, client and mock packages into a scratch project outside the workspace,
// type-check a small program against the installed .d.ts files and run it against the installed mock.
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const packages = ['spec', 'types', 'client', 'mock'] as const;
const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

let scratch = '';
let compiledOnce: Promise<{ stdout: string }> | undefined;

/** The `moduleResolution` settings the client README names as supported, each with the `module` it needs. */
const resolutions = {
  node16: { module: 'Node16', moduleResolution: 'Node16' },
  nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
  bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
} as const;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'talk-contract-consumer-'));
  const tarballs: Record<string, string> = {};
  for (const name of packages) {
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: path.join(repo, 'packages', name), env });
    tarballs[`@talk-contract/${name}`] = `file:./${stdout.trim().split('\n').pop()}`;
  }
  // @types/type-is (under Prism) asks for @types/node "*"; pin it to the workspace's version, which is in the
  // npm cache, so that the install can stay offline.
  const lock = JSON.parse(await readFile(path.join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const typesNode = lock.packages['node_modules/@types/node']?.version;
  await writeFile(
    path.join(scratch, 'package.json'),
    JSON.stringify(
      {
        name: 'talk-contract-consumer',
        private: true,
        type: 'module',
        dependencies: tarballs,
        overrides: {
          '@talk-contract/spec': tarballs['@talk-contract/spec'],
          '@talk-contract/types': tarballs['@talk-contract/types'],
          ...(typesNode ? { '@types/node': typesNode } : {}),
        },
      },
      null,
      2,
    ),
  );
  await writeFile(
    path.join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noUncheckedIndexedAccess: true,
        lib: ['ES2022', 'DOM'],
        types: [],
        skipLibCheck: false,
        outDir: 'out',
      },
      files: ['main.ts', 'bot.ts'],
    }),
  );
  await copyFile(path.join(here, 'fixture/main.ts'), path.join(scratch, 'main.ts'));
  await copyFile(path.join(here, 'fixture/bot.ts'), path.join(scratch, 'bot.ts'));
  await copyFile(path.join(here, 'fixture/types-check.ts'), path.join(scratch, 'types-check.ts'));
  for (const [name, setting] of Object.entries(resolutions)) {
    await writeFile(
      path.join(scratch, `tsconfig.${name}.json`),
      JSON.stringify({
        compilerOptions: { ...setting, target: 'ES2022', strict: true, noEmit: true, lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false },
        files: ['types-check.ts'],
      }),
    );
  }
  const install = ['install', '--no-audit', '--no-fund', '--no-package-lock'];
  try {
    await run('npm', [...install, '--offline'], { cwd: scratch, env });
  } catch {
    await run('npm', [...install, '--prefer-offline'], { cwd: scratch, env });
  }
}, 120_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('packed packages in a scratch project', () => {
  it('installs only the packed files (dist, README, package.json)', async () => {
    for (const name of packages) {
      const pkg = JSON.parse(await readFile(path.join(scratch, 'node_modules/@talk-contract', name, 'package.json'), 'utf8')) as { name: string };
      expect(pkg.name).toBe(`@talk-contract/${name}`);
    }
    await expect(readFile(path.join(scratch, 'node_modules/@talk-contract/client/dist/index.d.ts'), 'utf8')).resolves.toContain('createTalkClient');
    await expect(readFile(path.join(scratch, 'node_modules/@talk-contract/client/src/index.ts'), 'utf8')).rejects.toThrow();
  });

  it("the installed client's JavaScript imports nothing but openapi-fetch (its types package is types only)", async () => {
    const dist = path.join(scratch, 'node_modules/@talk-contract/client/dist');
    const imported = new Set<string>();
    for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
      const source = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
      // Import and export statements (JSDoc examples are comment lines starting with `*`), and dynamic imports.
      const statements = source.matchAll(/^\s*(?:import\s*['"]([^'"]+)['"]|(?:import|export)\b[^'"\n;]*?\bfrom\s*['"]([^'"]+)['"])/gm);
      const dynamic = source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g);
      for (const m of [...statements, ...dynamic]) {
        const specifier = m[1] ?? m[2];
        if (!specifier.startsWith('.')) imported.add(specifier);
      }
    }
    expect([...imported].sort()).toEqual(['openapi-fetch']);
  });

  it('type-checks a consumer program against the installed declarations and runs it against the installed mock', async () => {
    const compiled = await run(process.execPath, [tsc, '-p', scratch], { cwd: scratch }).catch((e: { stdout?: string }) => {
      throw new Error(`tsc failed:\n${e.stdout ?? String(e)}`);
    });
    expect(compiled.stdout).toBe('');
    const { stdout } = await run(process.execPath, [path.join(scratch, 'out/main.js')], { cwd: scratch, timeout: 30_000 });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(result.rooms).toBeGreaterThan(0);
    expect(typeof result.token).toBe('string');
    expect(typeof result.permissions).toBe('number');
    expect(typeof result.lastGiven).toBe('number');
    expect(result.rejected).toBe('TALK_API_ERROR 422');
  }, 60_000);

  it.each(Object.keys(resolutions))(
    'type-checks what a bot author writes under moduleResolution %s (a typo in `source` does not compile)',
    async (name) => {
      const result = await run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], { cwd: scratch }).catch((e: { stdout?: string }) => ({
        stdout: e.stdout ?? String(e),
        failed: true,
      }));
      expect(result.stdout).toBe('');
      // The same program without its @ts-expect-error must fail on exactly that line: the typo is caught.
      const source = await readFile(path.join(scratch, 'types-check.ts'), 'utf8');
      await writeFile(path.join(scratch, `types-check-${name}.ts`), source.replace("// @ts-expect-error 'user' is a typo for 'users'\n", ''));
      const config = JSON.parse(await readFile(path.join(scratch, `tsconfig.${name}.json`), 'utf8')) as { files: string[] };
      await writeFile(path.join(scratch, `tsconfig.${name}-typo.json`), JSON.stringify({ ...config, files: [`types-check-${name}.ts`] }));
      const typo = await run(process.execPath, [tsc, '-p', `tsconfig.${name}-typo.json`], { cwd: scratch }).then(
        () => '',
        (e: { stdout?: string }) => e.stdout ?? '',
      );
      expect(typo).toMatch(/types-check-\w+\.ts\(\d+,\d+\): error TS\d+: Type '"user"' is not assignable/);
      expect(
        typo
          .trim()
          .split('\n')
          .filter((l) => l.includes('error TS')),
      ).toHaveLength(1);
    },
    60_000,
  );

  describe.each(['19', '21'] as const)('the bot program against the dev server (--talk %s)', (talk) => {
    let devserver: DevServerProcess | undefined;
    afterAll(async () => {
      await devserver?.stop();
    });

    it('connects itself, watches without moving the read marker, keeps a guest session, refuses an ungated call', async () => {
      // main.ts and bot.ts compile together (once for both releases).
      compiledOnce ??= run(process.execPath, [tsc, '-p', scratch], { cwd: scratch }).catch((e: { stdout?: string }) => {
        throw new Error(`tsc failed:\n${e.stdout ?? String(e)}`);
      });
      expect((await compiledOnce).stdout).toBe('');
      devserver = await startDevServer(talk);
      const { stdout } = await run(process.execPath, [path.join(scratch, 'out/bot.js')], {
        cwd: scratch,
        timeout: 60_000,
        env: { ...process.env, TALK_URL: devserver.url, ALICE_PASSWORD: USERS[0].appPassword, BOB_PASSWORD: USERS[1].appPassword },
      });
      const result = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
      expect(result).toMatchObject({ release: talk, apiVersion: 'v4', serverVersion: talk === '19' ? '19.0.1' : '21.1.0' });
      expect(result.seen).toEqual(['one', 'two', 'three']);
      expect(result.unreadBefore).toBe(3);
      expect(result.unreadAfterWatch).toBe(3);
      expect(result.unreadAfterDefaultWatch).toBe(0);
      expect(result.guest).toEqual({ actorType: 'guests', actorDisplayName: 'Visitor', message: 'hello from a guest' });
      expect(result.withoutJar).toMatch(/^TALK_API_ERROR 4\d\d$/);
      expect(result.gated).toBe('TALK_CAPABILITY_MISSING createPoll talk-polls');
      await devserver.stop();
      devserver = undefined;
    }, 120_000);
  });
});

/** Fixed users for the dev server (`--users FILE`), so that the bot gets its passwords without parsing stdout. */
const USERS = [
  { id: 'alice', displayName: 'Alice Liddell', appPassword: 'alice-app-password-1' },
  { id: 'bob', displayName: 'Bob Builder', appPassword: 'bob-app-password-22' },
] as const;

interface DevServerProcess {
  url: string;
  stop(): Promise<void>;
}

/** The dev server's CLI as a child process on 127.0.0.1 (a free port), resolved once it prints its URL. */
async function startDevServer(talk: '19' | '21'): Promise<DevServerProcess> {
  const usersFile = path.join(scratch, `users-${talk}.json`);
  await writeFile(usersFile, JSON.stringify(USERS));
  const cli = path.join(repo, 'packages/devserver/dist/cli.js');
  // talk-polls left out of the capabilities: the bot's poll call must fail before sending (TalkCapabilityError).
  const args = [cli, '--host', '127.0.0.1', '--port', '0', '--talk', talk, '--users', usersFile, '--without-feature', 'talk-polls'];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev server did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dev server exited with ${code}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, stop };
}
