/**
 * Clerk sign-in: the store checks the password, this module hands out random bearer tokens that expire after
 * `idleMs` without use, and throttles guessing per source (LoginThrottle).
 */
import type { ClerkAccount, DossierStore } from '../store/types';
import type { LoginOutput } from './contract';
import { LoginThrottle } from './loginThrottle';

interface ClerkSession {
  user: ClerkAccount;
  lastUsed: number;
}

export interface ClerkAuthOptions {
  store: DossierStore;
  now: () => number;
  newId: () => string;
  idleMs: number;
  throttle?: LoginThrottle;
}

export class ClerkAuth {
  private readonly tokens = new Map<string, ClerkSession>();
  private readonly throttle: LoginThrottle;
  constructor(private readonly o: ClerkAuthOptions) {
    this.throttle = o.throttle ?? new LoginThrottle({ now: o.now });
  }

  async login(username: string, password: string, source: string): Promise<LoginOutput> {
    // `await` whether the store hashes synchronously or on the thread pool.
    const user = await this.throttle.attempt(source, async () => await this.o.store.login(username, password));
    const token = this.o.newId();
    this.tokens.set(token, { user, lastUsed: this.o.now() });
    return { token, user, expiresAt: new Date(this.o.now() + this.o.idleMs).toISOString() };
  }

  logout(token: string | undefined): boolean {
    return token ? this.tokens.delete(token) : false;
  }

  /** The clerk behind `token` (its idle timer restarts), or null. */
  resolve(token: string | undefined): ClerkAccount | null {
    if (!token) return null;
    const c = this.tokens.get(token);
    if (!c) return null;
    if (this.o.now() - c.lastUsed > this.o.idleMs) {
      this.tokens.delete(token);
      return null;
    }
    c.lastUsed = this.o.now();
    return c.user;
  }

  forgetSource(source: string): void {
    this.throttle.forget(source);
  }

  sweep(): void {
    const t = this.o.now();
    for (const [tok, c] of [...this.tokens]) if (t - c.lastUsed > this.o.idleMs) this.tokens.delete(tok);
  }

  clear(): void {
    this.tokens.clear();
  }
}
