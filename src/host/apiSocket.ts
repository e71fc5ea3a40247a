/**
 * One WebSocket = one renderer connection: requests in, responses and that connection's events out. Nothing a
 * client sends may throw past these handlers: bad frames (RFC 6455 §5: unmasked, reserved bits, unknown opcodes,
 * invalid UTF-8, over the size limit) end this socket only; bad JSON or envelopes get a typed error reply.
 */
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { ApiCore } from '../api/core';
import { EVENT_NAMES, requestEnvelopeSchema, type ApiErrorShape, type EventEnvelope, type EventName, type ResponseEnvelope } from '../api/contract';
import { toApiError } from '../api/errorMapping';
import { nestsDeeperThan } from './messageLimits';

/** A connection with less than the full API (the hall display): which methods it may call, which events it hears. */
export interface SocketPolicy {
  mayCall(method: string): boolean;
  events: readonly EventName[];
}

export function serveSocket(ws: WebSocket, core: ApiCore, log: (line: string) => void, policy?: SocketPolicy): void {
  const client = `ws-${randomBytes(9).toString('base64url')}`;
  const send = (msg: ResponseEnvelope | EventEnvelope): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const unsubs = (policy?.events ?? EVENT_NAMES).map((event) => core.on(event, (data) => send({ event, data }), client));
  ws.on('error', (e: Error & { code?: string }) => {
    // ws has already decided to close with the right status (1002/1007/1009); log the kind, never the payload.
    log(`websocket closed on a bad frame (${e.code ?? e.name})`);
    ws.terminate();
  });
  ws.on('close', () => {
    unsubs.forEach((u) => u());
    core.disconnect(client);
  });
  ws.on('message', (raw, isBinary) => {
    try {
      if (isBinary) return ws.close(1003, 'text only');
      const env = parseEnvelope(raw.toString());
      if (!env) {
        const error: ApiErrorShape = { code: 'INVALID_INPUT', messageKey: 'error.INVALID_INPUT', detail: 'malformed request envelope' };
        return send({ id: -1, ok: false, error });
      }
      if (policy && !policy.mayCall(env.method)) {
        const error: ApiErrorShape = { code: 'FORBIDDEN', messageKey: 'error.FORBIDDEN', detail: 'method not allowed on this connection' };
        return send({ id: env.id, ok: false, error });
      }
      // A limited connection never speaks for a clerk, whatever token it sends.
      core.handle(env.method, env.input, policy ? undefined : env.token, client).then(
        (result) => send({ id: env.id, ok: true, result }),
        (e) => send({ id: env.id, ok: false, error: toApiError(e).toJSON() }),
      );
    } catch (e) {
      log(`websocket message failed (${(e as Error)?.name ?? 'error'})`);
    }
  });
}

function parseEnvelope(text: string): { id: number; method: string; input: unknown; token?: string } | null {
  if (nestsDeeperThan(text)) return null;
  try {
    const parsed = requestEnvelopeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
