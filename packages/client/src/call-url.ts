import { createFinalURL, createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';
import type { CallState } from './transport.js';

/** openapi-fetch's default query serializer (what a client without a `querySerializer` option uses). */
export const querySerializer = /* @__PURE__ */ createQuerySerializer();

/**
 * The URL of one call for its errors: the one the transport sent, or (when no request went out, e.g. a
 * middleware answered or the deadline passed first) the one openapi-fetch builds from the same parts.
 */
export function callUrl(state: CallState, baseUrl: string, path: string, params: unknown): string {
  if (state.request) return state.request.url;
  const parts = (params ?? {}) as { path?: Record<string, unknown>; query?: Record<string, unknown> };
  return createFinalURL(path, { baseUrl, params: parts, querySerializer, pathSerializer: defaultPathSerializer });
}
