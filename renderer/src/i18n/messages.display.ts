/** Hall display (/display): numbers and counters only. Part of the one message catalogue (merged in messages.ts); Vietnamese first, English the same keys. */
export const viDisplay = {} as const;

export const enDisplay: Record<keyof typeof viDisplay, string> = {};
