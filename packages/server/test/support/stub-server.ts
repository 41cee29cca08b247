// A real stub server on 127.0.0.1 whose handlers answer each operation's documented 2xx example.
import {
  createTalkServer,
  serveTalk,
  type ApiVersion,
  type RunningTalkServer,
  type TalkActor,
  type TalkErrorInfo,
  type TalkServerOptions,
} from '../../src/index.js';
import { operationFixtures, TINY_PNG, type OperationFixture } from './contract-fixtures.js';

export const USER = 'alice';
export const PASSWORD = 'secret';
export const GUEST_HEADER = 'x-test-guest';

export interface HandlerCall {
  operationId: string;
  params: unknown;
  query: unknown;
  body: unknown;
  actor: unknown;
}

export interface StubServer extends RunningTalkServer {
  fixtures: OperationFixture[];
  calls: HandlerCall[];
  errors: Array<{ error: unknown; info: TalkErrorInfo }>;
}

type LooseOptions = Omit<TalkServerOptions<ApiVersion>, 'apiVersion' | 'handlers' | 'authenticate'>;

/** Every operation answers its documented 2xx example and echoes its operationId in `x-operation`. */
export async function startStubServer(
  apiVersion: ApiVersion,
  options: LooseOptions & { omit?: string[]; override?: Record<string, (input: HandlerCall) => unknown> } = {},
): Promise<StubServer> {
  const fixtures = operationFixtures(apiVersion);
  const calls: HandlerCall[] = [];
  const errors: StubServer['errors'] = [];
  const handlers: Record<string, (input: HandlerCall) => unknown> = {};
  for (const f of fixtures) {
    if (options.omit?.includes(f.operationId)) continue;
    handlers[f.operationId] = (input) => {
      calls.push({ operationId: input.operationId, params: input.params, query: input.query, body: input.body, actor: input.actor });
      const custom = options.override?.[f.operationId];
      if (custom) return custom(input);
      // A binary success (an avatar) is answered with a PNG, as Talk does.
      const data = f.success.binary ? new Blob([TINY_PNG], { type: 'image/png' }) : f.success.data;
      return { status: f.success.status, data, headers: { 'x-operation': f.operationId } };
    };
  }
  const { omit: _omit, override: _override, ...serverOptions } = options;
  const app = createTalkServer<ApiVersion, TalkActor>({
    ...serverOptions,
    apiVersion,
    validateResponses: options.validateResponses ?? true,
    onError: options.onError ?? ((error, info) => errors.push({ error, info })),
    authenticate: ({ credentials, request }) => {
      if (credentials) return credentials.user === USER && credentials.password === PASSWORD ? { type: 'users', id: USER } : null;
      const guest = request.headers.get(GUEST_HEADER);
      return guest ? { type: 'guests', id: guest } : null;
    },
    handlers: handlers as never,
  });
  const server = await serveTalk(app, { port: 0 });
  return { ...server, fixtures, calls, errors };
}
