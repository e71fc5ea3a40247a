/**
 * How a device's outbox change becomes a server row and back: the payload sealed under the centre's current data
 * key, subject ids turned into keyed hashes, and the clear metadata cut down to the non-personal fields the server
 * may see (an unexpected field is dropped here rather than trusted to be harmless).
 */
import { changeAad, open, seal, subjectHash } from '../crypto';
import type { ChangeMeta, OutboxChange, RemoteChange } from '../../store/syncPort';
import { dataKey, latestKeyVersion, subjectKeyOf, type CentreLink } from './link';

export const CHANGE_COLUMNS = ['change_id', 'kind', 'entity_id', 'base_version', 'meta', 'key_version', 'payload', 'subject_hashes'] as const;

export type ServerRowIn = [string, string, string, string | null, string, number | null, Buffer | null, string[]];

export function clearMeta(m: ChangeMeta): ChangeMeta {
  const out: ChangeMeta = { at: String(m.at), actor: String(m.actor) };
  if (m.formId !== undefined) out.formId = String(m.formId);
  if (m.status !== undefined) out.status = String(m.status);
  if (m.action !== undefined) out.action = String(m.action);
  return out;
}

export function encodeChange(link: CentreLink, ch: OutboxChange): ServerRowIn {
  const version = latestKeyVersion(link);
  const sealed = ch.payload === null ? null : seal(dataKey(link, version)!, Buffer.from(ch.payload, 'utf8'), changeAad(ch.changeId, ch.kind, ch.entityId));
  const sk = subjectKeyOf(link);
  return [
    ch.changeId,
    ch.kind,
    ch.entityId,
    ch.baseVersion,
    JSON.stringify(clearMeta(ch.meta)),
    sealed ? version : null,
    sealed,
    [...new Set(ch.subjectIds.filter(Boolean))].map((id) => subjectHash(sk, id)),
  ];
}

export interface ServerRowOut {
  change_id: string;
  position: string | number;
  device_id: string;
  kind: RemoteChange['kind'];
  entity_id: string;
  base_version: string | null;
  meta: ChangeMeta;
  key_version: number | null;
  payload: Buffer | null;
  erased_at: Date | null;
}

export class MissingKeyError extends Error {
  override readonly name = 'MissingKeyError';
  constructor(readonly version: number) {
    super(`data key version ${version} is not on this device`);
  }
}

/**
 * A server row as the store applies it, or null for a dossier edit whose payload was erased on the server: the
 * erase change itself (earlier or later in the same order) is what the store applies.
 */
export function decodeRow(link: CentreLink, r: ServerRowOut): RemoteChange | null {
  if (r.kind === 'dossier.put' && r.payload === null) return null;
  let payload: string | null = null;
  if (r.payload !== null) {
    const key = dataKey(link, r.key_version ?? 0);
    if (!key) throw new MissingKeyError(r.key_version ?? 0);
    payload = open(key, r.payload, changeAad(r.change_id, r.kind, r.entity_id)).toString('utf8');
  }
  return {
    changeId: r.change_id,
    position: Number(r.position),
    deviceId: r.device_id,
    kind: r.kind,
    entityId: r.entity_id,
    baseVersion: r.base_version,
    meta: r.meta,
    payload,
  };
}
