/** Staff accounts, for the administrator: who can sign in at the counters, and a new clerk, head of centre or admin. */
import { ApiError } from '../contract';
import type { CoreContext, Handlers } from './context';

export function userHandlers(ctx: CoreContext): Handlers<'users.list' | 'users.create'> {
  const { o } = ctx;
  return {
    'users.list': () => o.store.listUsers(),
    'users.create': (i, call) => {
      if (o.store.listUsers().some((u) => u.username.toLowerCase() === i.username.toLowerCase())) throw new ApiError('INVALID_INPUT', 'username: an account with this name exists');
      // The store hashes the password (scrypt) and audits the creation by username; the password is never logged.
      o.store.createUser({ username: i.username, displayName: i.displayName, role: i.role, password: i.password }, call.actor);
      return { username: i.username, displayName: i.displayName, role: i.role };
    },
  };
}
