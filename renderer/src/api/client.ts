/**
 * The renderer's two ApiClient implementations: Electron's preload bridge (window.motcua) and a WebSocket client for
 * the browser host. Both speak the contract's envelopes; errors arrive as ApiErrorShape and are thrown as ClientError.
 */
import type { ApiClient, ApiErrorShape, ApiEvents, EventEnvelope, EventName, MethodInput, MethodName, MethodOutput, PreloadBridge, ResponseEnvelope } from '../../../src/api/contract';

export class ClientError extends Error implements ApiErrorShape {
  override readonly name = 'ClientError';
  readonly code: ApiErrorShape['code'];
  readonly messageKey: string;
  constructor(e: ApiErrorShape) {
    super(e.code);
    this.code = e.code;
    this.messageKey = e.messageKey;
  }
}

type Listener = (data: unknown) => void;

class Emitter {
  private readonly map = new Map<string, Set<Listener>>();
  on(event: string, l: Listener): () => void {
    let s = this.map.get(event);
    if (!s) this.map.set(event, (s = new Set()));
    s.add(l);
    return () => s.delete(l);
  }
  emit(e: EventEnvelope): void {
    for (const l of this.map.get(e.event) ?? []) l(e.data);
  }
}

export function bridgeClient(bridge: PreloadBridge): ApiClient {
  const em = new Emitter();
  bridge.subscribe((e) => em.emit(e));
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>, token?: string): Promise<MethodOutput<M>> {
      const r = await bridge.invoke(method, input, token);
      if (!r.ok) throw new ClientError(r.error);
      return r.result as MethodOutput<M>;
    },
    on<E extends EventName>(event: E, l: (d: ApiEvents[E]) => void) {
      return em.on(event, l as Listener);
    },
  };
}

export interface WsClient extends ApiClient {
  onConnection(l: (connected: boolean) => void): () => void;
}

/** WebSocket client with automatic reconnect (the host may restart; the kiosk must come back by itself). */
export function wsClient(url: string): WsClient {
  const em = new Emitter();
  const conn = new Set<(c: boolean) => void>();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let ws: WebSocket | null = null;
  let open: Promise<WebSocket>;

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve) => {
      const attempt = (): void => {
        const s = new WebSocket(url);
        s.onopen = () => {
          ws = s;
          conn.forEach((l) => l(true));
          resolve(s);
        };
        s.onmessage = (m) => {
          const msg = JSON.parse(String(m.data)) as ResponseEnvelope | EventEnvelope;
          if ('event' in msg) return em.emit(msg);
          const p = pending.get(msg.id);
          if (!p) return;
          pending.delete(msg.id);
          if (msg.ok) p.resolve(msg.result);
          else p.reject(new ClientError(msg.error));
        };
        s.onclose = () => {
          if (ws === s) {
            ws = null;
            conn.forEach((l) => l(false));
            for (const p of pending.values()) p.reject(new ClientError({ code: 'INTERNAL', messageKey: 'error.CONNECTION' }));
            pending.clear();
            open = connect();
          } else setTimeout(attempt, 1000);
        };
      };
      attempt();
    });
  open = connect();

  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>, token?: string): Promise<MethodOutput<M>> {
      const s = ws ?? (await open);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        s.send(JSON.stringify({ id, method, input, ...(token ? { token } : {}) }));
      });
    },
    on<E extends EventName>(event: E, l: (d: ApiEvents[E]) => void) {
      return em.on(event, l as Listener);
    },
    onConnection(l) {
      conn.add(l);
      return () => conn.delete(l);
    },
  };
}

/**
 * Pick the client for this page: the preload bridge when present, else the browser host's WebSocket. The browser
 * host authorises the socket with the HttpOnly cookie its one-time launch link set (same origin, sent by the
 * browser itself), so the page holds no secret of its own.
 */
export function createClient(w: Window & { motcua?: PreloadBridge }): ApiClient | null {
  if (w.motcua) return bridgeClient(w.motcua);
  return wsClient(`ws://${w.location.host}/api`);
}
