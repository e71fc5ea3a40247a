/**
 * Who may drive the API of the browser host. Loopback alone is not enough: any local process or web page could
 * otherwise drive the card reader (DNS rebinding, cross-site WebSocket hijacking). The page proves itself with an
 * HttpOnly, SameSite=Strict cookie holding a per-launch secret; the secret itself is never printed, logged or put
 * on a command line. What crosses those is a one-time launch token (`/launch?t=…`, valid 2 minutes, first use
 * only) that the host exchanges for the cookie: reading it later from /proc or a log gives nothing.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

const COOKIE_NAME = 'motcua_session';
export const LAUNCH_PATH = '/launch';
const TOKEN_TTL_MS = 2 * 60_000;
const MAX_PENDING_TOKENS = 32;

export class LaunchAuth {
  private readonly secret: string;
  private readonly pending = new Map<string, number>();

  constructor(
    secret?: string,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = secret ?? randomBytes(32).toString('base64url');
  }

  /** A fresh one-time token for `/launch?t=`. */
  mintToken(): string {
    const t = this.now();
    for (const [tok, exp] of this.pending) if (exp <= t) this.pending.delete(tok);
    // Unused tokens cannot pile up: the oldest goes first.
    while (this.pending.size >= MAX_PENDING_TOKENS) this.pending.delete(this.pending.keys().next().value!);
    const token = randomBytes(24).toString('base64url');
    this.pending.set(token, t + TOKEN_TTL_MS);
    return token;
  }

  /** True once per minted token, within its lifetime. */
  redeem(token: string | null): boolean {
    if (!token) return false;
    const exp = this.pending.get(token);
    if (exp === undefined) return false;
    this.pending.delete(token);
    return exp > this.now();
  }

  /** Set-Cookie value: not readable by scripts, never sent by other sites' requests. */
  cookie(): string {
    return `${COOKIE_NAME}=${this.secret}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** Whether a request's Cookie header carries this launch's secret. */
  authorized(cookieHeader: string | undefined): boolean {
    if (!cookieHeader) return false;
    for (const part of cookieHeader.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim() !== COOKIE_NAME) continue;
      const a = Buffer.from(part.slice(eq + 1).trim());
      const b = Buffer.from(this.secret);
      if (a.length === b.length && timingSafeEqual(a, b)) return true;
    }
    return false;
  }
}
