/**
 * The administrator's queue settings as edited on screen, and the rules the server's queueConfigSchema
 * (src/queue/groups.ts) applies, checked here first so every problem is named next to its field in words (the
 * server names only its first problem, in English). The server still decides: it validates the same input again.
 */
import type { AppSettings } from '../../../src/api/contract';
import type { MessageKey } from '../i18n/messages';

export type QueueGroups = AppSettings['queueGroups'];
export type QueueChoice = QueueGroups['groups'][number]['formIds'][number];

export interface DraftGroup {
  id: string;
  label: string;
  /** As typed: "1, 2, 3". */
  counters: string;
}

export interface QueueDraft {
  kiosk: string;
  noShowMinutes: string;
  noShowMax: string;
  groups: DraftGroup[];
  /** Kiosk choice → index into groups, or null when it lands in no group yet. */
  choices: { choice: QueueChoice; group: number | null }[];
}

/** Field key (kiosk, noShowMinutes, noShowMax, groups, g.<i>.id|label|counters, c.<choice>) → message. */
export type DraftErrors = Record<string, MessageKey>;

const GROUP_ID = /^[A-Z][A-Z0-9_]{0,31}$/;

export function toDraft(cfg: QueueGroups, kiosk: number | null): QueueDraft {
  const choices: QueueDraft['choices'] = [];
  cfg.groups.forEach((g, i) => g.formIds.forEach((f) => choices.push({ choice: f, group: i })));
  return {
    kiosk: kiosk === null ? '' : String(kiosk),
    noShowMinutes: String(cfg.noShowRequeueMinutes),
    noShowMax: String(cfg.maxNoShowRequeues),
    groups: cfg.groups.map((g) => ({ id: g.id, label: g.label, counters: g.counters.join(', ') })),
    choices,
  };
}

function wholeIn(text: string, min: number, max: number): number | null {
  if (!/^\s*\d{1,4}\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** "1, 2 3" → [1, 2, 3]; null when a part is not a counter number. */
export function parseCounters(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const out: number[] = [];
  for (const p of parts) {
    const n = wholeIn(p, 1, 99);
    if (n === null) return null;
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

/** The draft's problems; an empty object means `fromDraft` gives what the server accepts. */
export function validateDraft(d: QueueDraft): DraftErrors {
  const e: DraftErrors = {};
  if (d.kiosk.trim() !== '' && wholeIn(d.kiosk, 1, 99) === null) e.kiosk = 'qs.err.kiosk';
  if (wholeIn(d.noShowMinutes, 0, 240) === null) e.noShowMinutes = 'qs.err.noShowMinutes';
  if (wholeIn(d.noShowMax, 0, 5) === null) e.noShowMax = 'qs.err.noShowMax';
  if (d.groups.length === 0) e.groups = 'qs.err.noGroups';
  const ids = new Set<string>();
  d.groups.forEach((g, i) => {
    if (!GROUP_ID.test(g.id)) e[`g.${i}.id`] = 'qs.err.idFormat';
    else if (ids.has(g.id)) e[`g.${i}.id`] = 'qs.err.idTwice';
    ids.add(g.id);
    if (g.label.trim() === '' || g.label.trim().length > 80) e[`g.${i}.label`] = 'qs.err.label';
    const c = parseCounters(g.counters);
    if (c === null) e[`g.${i}.counters`] = 'qs.err.counterNumber';
    else if (c.length === 0) e[`g.${i}.counters`] = 'qs.err.noCounter';
  });
  // A choice's group is one select, so it can never be in two; it can be in none (its group was removed).
  for (const c of d.choices) if (c.group === null || !d.groups[c.group]) e[`c.${c.choice}`] = 'qs.err.noChoiceGroup';
  return e;
}

/** The settings.set values of a draft that `validateDraft` passed. */
export function fromDraft(d: QueueDraft): { queueKiosk: number | null; queueGroups: QueueGroups } {
  return {
    queueKiosk: d.kiosk.trim() === '' ? null : Number(d.kiosk),
    queueGroups: {
      groups: d.groups.map((g, i) => ({
        id: g.id,
        label: g.label.trim(),
        formIds: d.choices.filter((c) => c.group === i).map((c) => c.choice),
        counters: parseCounters(g.counters) ?? [],
      })),
      noShowRequeueMinutes: Number(d.noShowMinutes),
      maxNoShowRequeues: Number(d.noShowMax),
    },
  };
}

/** Removing group i: choices in it land in no group (the admin must choose again), later indexes shift down. */
export function removeGroup(d: QueueDraft, i: number): QueueDraft {
  return {
    ...d,
    groups: d.groups.filter((_, j) => j !== i),
    choices: d.choices.map((c) => ({ ...c, group: c.group === null || c.group === i ? null : c.group > i ? c.group - 1 : c.group })),
  };
}
