/** Loading the `smartcard` N-API binding (pcsc-lite / WinSCard), and the slice of it the PC/SC transport uses. */
import { createRequire } from 'node:module';
import type { ContextInterface, ReaderMonitorInterface } from 'smartcard';

/** The slice of the `smartcard` module this transport uses (injectable for tests). */
export interface PcscBinding {
  Context: new () => ContextInterface;
  ReaderMonitor: new () => ReaderMonitorInterface;
  SCARD_SHARE_SHARED: number;
  SCARD_PROTOCOL_T0: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_STATE_PRESENT: number;
  SCARD_LEAVE_CARD: number;
}

let cachedBinding: PcscBinding | undefined;

/**
 * Load `smartcard` on first use, not at import: importing this module on a machine without
 * libpcsclite must not throw (the native addon links it); the failure surfaces as NO_SERVICE.
 */
export function loadSmartcardBinding(): PcscBinding {
  if (cachedBinding === undefined) {
    const require = createRequire(import.meta.url);
    cachedBinding = require('smartcard') as PcscBinding;
  }
  return cachedBinding;
}
