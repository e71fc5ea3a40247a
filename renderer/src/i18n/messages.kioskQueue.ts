/** Kiosk queue screens: ticket, status look-up, rating. Part of the one message catalogue (merged in messages.ts); Vietnamese first, English the same keys. */
export const viKioskQueue = {} as const;

export const enKioskQueue: Record<keyof typeof viKioskQueue, string> = {};
