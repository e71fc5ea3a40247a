/** Device settings as JSON values by key; every change is audited with a hash of the value, never the value. */
import { sha256Hex } from './audit';
import type { StoreContext } from './storeContext';

export class Settings {
  constructor(private readonly ctx: StoreContext) {}

  get<T = unknown>(key: string): T | null {
    return this.ctx.read('Reading a setting', () => {
      const r = this.ctx.stmt('SELECT value_json FROM settings WHERE key = ?').get(key) as { value_json: string } | undefined;
      return r ? (JSON.parse(r.value_json) as T) : null;
    });
  }

  set(key: string, value: unknown, actor: string): void {
    const json = JSON.stringify(value ?? null);
    this.ctx.write('Saving a setting', () => {
      const at = this.ctx.iso();
      this.ctx
        .stmt('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at')
        .run(key, json, at);
      this.ctx.audit('setting.set', actor, key, sha256Hex(json), at);
    });
  }
}
