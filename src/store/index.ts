/** Public entry of the dossier store: the contract types plus the SQLite implementation and its helpers. */
export * from './types';
export {
  openStore,
  SqliteDossierStore,
  DEFAULT_SEARCH_KEYS,
  LOCKOUT_FAILURES,
  LOCKOUT_MINUTES,
  extractHolder,
  type OpenStoreOptions,
  type SearchKeys,
} from './sqliteStore';
export { openDatabase, restoreBackup, normalizeKey, fileOpensWithKey, type OpenDatabaseOptions } from './db';
export { createBackup, createBackupInBackground, listBackups, latestBackup, rotateBackups, scheduleBackups } from './backup';
export { fileKeyProvider, loadOrCreateKeyFile, KEY_FILE_NAME, type KeyProvider } from './keyFile';
export { canEdit, canTransition, statusAfterEdit } from './lifecycle';
export { SCHEMA_VERSION } from './migrations';
