/**
 * Password guessing is slowed per source (one socket or window), never per account: wrong passwords from one
 * page back off that page only, so nobody can lock the real clerk out by failing on purpose (OWASP Authentication
 * Cheat Sheet, "Account lockout" — prefer throttling to lockout). Hashing a password costs ~100 ms of scrypt, so at
 * most `maxConcurrent` logins hash at once and a bounded queue waits; a storm beyond it is refused at once.
 */
import { ApiError } from './contract';

export interface LoginThrottleOptions {
  now?: () => number;
  /** Failures allowed before the back-off starts. */
  freeFailures?: number;
  /** First back-off; it doubles with each further failure up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxConcurrent?: number;
  maxQueued?: number;
}

interface SourceState {
  failures: number;
  blockedUntil: number;
}

export class LoginThrottle {
  private readonly sources = new Map<string, SourceState>();
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly now: () => number;
  private readonly freeFailures: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxConcurrent: number;
  private readonly maxQueued: number;

  constructor(o: LoginThrottleOptions = {}) {
    this.now = o.now ?? Date.now;
    this.freeFailures = o.freeFailures ?? 3;
    this.baseDelayMs = o.baseDelayMs ?? 1000;
    this.maxDelayMs = o.maxDelayMs ?? 5 * 60_000;
    this.maxConcurrent = o.maxConcurrent ?? 2;
    this.maxQueued = o.maxQueued ?? 8;
  }

  /** Run one login attempt from `source`: refused while that source backs off, counted when it fails. */
  async attempt<T>(source: string, login: () => T | Promise<T>): Promise<T> {
    const s = this.sources.get(source);
    const wait = s ? s.blockedUntil - this.now() : 0;
    if (wait > 0) throw new ApiError('LOCKED_OUT', `too many failed logins from this screen; retry in ${Math.ceil(wait / 1000)} s`);
    await this.slot();
    try {
      // Yield first so a synchronous hash never runs inside another socket's turn of the event loop.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const user = await login();
      this.sources.delete(source);
      return user;
    } catch (e) {
      if ((e as { code?: string })?.code === 'BAD_CREDENTIALS') this.failed(source);
      throw e;
    } finally {
      this.release();
    }
  }

  /** Forget a source (its socket closed). */
  forget(source: string): void {
    this.sources.delete(source);
  }

  private failed(source: string): void {
    const s = this.sources.get(source) ?? { failures: 0, blockedUntil: 0 };
    s.failures++;
    const over = s.failures - this.freeFailures;
    if (over > 0) s.blockedUntil = this.now() + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (over - 1));
    this.sources.set(source, s);
  }

  private slot(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return Promise.resolve();
    }
    if (this.queue.length >= this.maxQueued) return Promise.reject(new ApiError('LOCKED_OUT', 'too many logins at once; retry in a moment'));
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }
}
