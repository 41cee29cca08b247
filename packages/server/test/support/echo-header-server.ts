// A stub server in its own process (run with tsx) whose GET operations echo the request's `name` and `value`
// query parameters into a response header, as a bridge echoing input would. Prints `{ url, path }` of one
// GET operation on stdout and every onError report as a JSON line on stderr; runs until killed.
import { createTalkServer, serveTalk, type TalkResponseError } from '../../src/index.js';
import { concretePath, operationFixtures, toQueryString } from './contract-fixtures.js';
import { PASSWORD, USER } from './stub-server.js';

const fixtures = operationFixtures('v4').filter((f) => f.method === 'GET');
const echo =
  (f: (typeof fixtures)[number]) =>
  ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    return { ...f.success, headers: { [url.searchParams.get('name') ?? 'X-Echo']: url.searchParams.get('value') ?? '' } };
  };
const app = createTalkServer({
  apiVersion: 'v4',
  authenticate: ({ credentials }) => (credentials?.user === USER && credentials.password === PASSWORD ? { type: 'users', id: USER } : null),
  handlers: Object.fromEntries(fixtures.map((f) => [f.operationId, echo(f)])) as never,
  onError: (error, info) => process.stderr.write(`${JSON.stringify({ kind: info.kind, code: (error as TalkResponseError).code })}\n`),
});
const server = await serveTalk(app, { port: 0 });
const f = fixtures[0];
const query = toQueryString(f.queryValues);
process.stdout.write(`${JSON.stringify({ url: server.url, path: `${concretePath(f)}${query ? `?${query}&` : '?'}` })}\n`);
