/** Counter queue: calling citizens, dossier progress, the head's report. Part of the one message catalogue (merged in messages.ts); Vietnamese first, English the same keys. */
export const viCounterQueue = {} as const;

export const enCounterQueue: Record<keyof typeof viCounterQueue, string> = {};
