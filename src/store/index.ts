/** Public entry of the dossier store: the contract types plus the SQLite implementation and its helpers. */
export * from './types';
export { openStore, SqliteDossierStore, DEFAULT_SEARCH_KEYS, extractHolder, type OpenStoreOptions, type SearchKeys } from './sqliteStore';
export { openDatabase, restoreBackup, normalizeKey, fileOpensWithKey } from './db';
export { createBackup, listBackups, latestBackup, rotateBackups } from './backup';
export { fileKeyProvider, loadOrCreateKeyFile, type KeyProvider } from './keyFile';
