// `npx tsx test/conformance/report.ts [release] [slice-file]`: the conformance problems, for working on the spec.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TALK_RELEASE_FACTS, releaseSliceFile, type TalkRelease } from '../../generator/src/load/talk-releases.js';
import { REPO_ROOT, talkSource } from '../support/talk-sources.js';
import { describeProblems, readAllowList, runConformance } from './conformance-run.js';

const releases = (process.argv[2] ? [process.argv[2]] : ['19', '21']) as TalkRelease[];
for (const release of releases) {
  const facts = TALK_RELEASE_FACTS[release];
  if (!facts.recorded) continue;
  for (const file of [process.argv[3] ?? releaseSliceFile(release), `openapi.${facts.apiVersion}.json`]) {
    const slice = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages/spec/dist', file), 'utf8'));
    const result = runConformance(path.join(talkSource.realTalk, facts.recorded.folder), slice, release, readAllowList());
    console.log(
      `== real Talk ${facts.recorded.talk} vs ${file}: ${result.onContract}/${result.matched.length} exchanges on-contract, ${result.undeclaredFields} undeclared fields`,
    );
    for (const line of describeProblems(result)) console.log(`  ${line}`);
    console.log(`  outside the contract: ${[...result.outside.entries()].map(([k, n]) => `${k} (${n})`).join(', ')}`);
  }
}
