/**
 * Clerk accounts: scrypt-hashed passwords (passwords.ts), checked off the event loop. There is no account
 * lockout: it would let anyone lock the real clerk out by failing on purpose. Guessing is slowed per source
 * (the screen or socket) by the API's LoginThrottle instead (OWASP Authentication Cheat Sheet: throttle, do not
 * lock). Every sign-in attempt is audited by username only: the typed text of a failed attempt may be a mistyped
 * password or a citizen's name and is never recorded.
 */
import { CLERK_ROLES, StoreError, type ClerkAccount } from './types';
import { hashPassword, verifyPassword, type ScryptParams } from './passwords';
import type { StoreContext } from './storeContext';

interface UserRow {
  username: string;
  display_name: string;
  role: ClerkAccount['role'];
  password_salt: Buffer;
  password_hash: Buffer;
  scrypt_params: string;
  failed_attempts: number;
  locked_until: string | null;
}

export class UserAccounts {
  private dummyHash: { salt: Buffer; hash: Buffer; params: ScryptParams } | null = null;

  constructor(
    private readonly ctx: StoreContext,
    private readonly scrypt: ScryptParams,
  ) {}

  create(u: ClerkAccount & { password: string }, actor: string): void {
    if (!/^[A-Za-z0-9._-]{2,64}$/.test(u.username)) throw new TypeError('Username: 2–64 characters among A–Z a–z 0–9 . _ -');
    if (u.password.length < 8) throw new TypeError('Password: at least 8 characters');
    // 'head' = the head of the centre ("trưởng trung tâm"): a clerk who also reads the queue report.
    if (!CLERK_ROLES.includes(u.role)) throw new TypeError('Role: clerk, head or admin');
    const { salt, hash, params } = hashPassword(u.password, this.scrypt);
    this.ctx.write('Creating the account', () => {
      if (this.ctx.stmt('SELECT 1 FROM users WHERE username = ?').get(u.username)) {
        throw new TypeError('An account with this username already exists');
      }
      const at = this.ctx.iso();
      this.ctx
        .stmt(
          'INSERT INTO users (username, display_name, role, password_salt, password_hash, scrypt_params, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(u.username, u.displayName, u.role, salt, hash, JSON.stringify(params), at);
      this.ctx.audit('user.create', actor, u.username, null, at);
    });
  }

  async login(username: string, password: string): Promise<ClerkAccount> {
    const { ctx } = this;
    const user = ctx.read('Signing in', () => ctx.stmt('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined);
    if (!user) {
      // Same scrypt cost as a real account, so timing does not reveal which usernames exist.
      this.dummyHash ??= hashPassword('not-a-password', this.scrypt);
      await verifyPassword(password, this.dummyHash.salt, this.dummyHash.hash, this.dummyHash.params);
      // The typed name is not logged: it may be a mistyped password or a citizen's name.
      ctx.write('Signing in', () => ctx.audit('login.fail', '(unknown)', null, null));
      throw new StoreError('BAD_CREDENTIALS', 'Wrong username or password');
    }
    const ok = await verifyPassword(password, user.password_salt, user.password_hash, JSON.parse(user.scrypt_params) as ScryptParams);
    if (ok) {
      ctx.write('Signing in', () => {
        ctx.stmt('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?').run(user.username);
        ctx.audit('login.success', user.username, user.username, null);
      });
      return { username: user.username, displayName: user.display_name, role: user.role };
    }
    ctx.write('Signing in', () => {
      // Counted for the counter's overview; never a reason to refuse the right password.
      ctx.stmt('UPDATE users SET failed_attempts = failed_attempts + 1 WHERE username = ?').run(user.username);
      ctx.audit('login.fail', user.username, user.username, null);
    });
    throw new StoreError('BAD_CREDENTIALS', 'Wrong username or password');
  }

  list(): ClerkAccount[] {
    return this.ctx.read('Listing accounts', () =>
      (this.ctx.stmt('SELECT username, display_name, role FROM users ORDER BY username').all() as UserRow[]).map((u) => ({
        username: u.username,
        displayName: u.display_name,
        role: u.role,
      })),
    );
  }
}
