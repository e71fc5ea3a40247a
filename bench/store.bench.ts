/**
 * bench:store (targets: save p99 ≤ 5 ms with synchronous=FULL, search ≤ 50 ms on 1 M rows, start ≤ 1 s).
 * Builds 1 M synthetic dossiers once (bulk insert in big transactions, synchronous=OFF for the build only) and
 * caches the file under os.tmpdir() keyed by schema version (a file cached by an older schema is upgraded by the
 * store's own migrations instead of rebuilt, as the app upgrades a real store); then measures opening the large
 * store with and without the start-up integrity check, the same check in the background while saves go on,
 * single saves through the real store (synchronous=FULL, 1000 samples) and 200 searches. Prints numbers only —
 * no assertions. Each run adds its saved dossiers to the cached file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeKey, openDatabase } from '../src/store/db';
import { IntegrityMonitor } from '../src/store/integrity';
import { createHash } from 'node:crypto';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/store/migrations';
import { openStore } from '../src/store/sqliteStore';
import { INSERT_DOSSIER_SQL } from '../src/store/dossiers';
import { dossierSearchColumns, extractAllIds, foldForSearch } from '../src/store/searchText';
import { mulberry32 } from '../src/sim/profile/face';
import type { FilledField } from '../src/forms/types';
import { FORM_IDS } from '../src/forms/catalogue';

const ROWS = Number(process.env.BENCH_STORE_ROWS ?? 1_000_000);
const SAVES = 1000;
const SEARCHES = 200;
// A fixed, public bench-only key: the cached file holds synthetic data only.
const KEY = 'b3'.repeat(32);
// Keyed by schema version plus a hash of the migration SQL, so an edited schema never reuses a stale file.
const SCHEMA_TAG = `${SCHEMA_VERSION}-${createHash('sha256').update(MIGRATIONS.map((m) => m.sql).join('\n')).digest('hex').slice(0, 8)}`;
const FILE = path.join(os.tmpdir(), `motcua-bench-store-schema${SCHEMA_TAG}-${ROWS}.sqlite3`);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const FAMILY_WEIGHTS = [38, 11, 9.5, 7, 5.1, 5.1, 4.5, 3.9, 3.9, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Đình', 'Xuân', 'Ngọc'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Bích', 'Hồng', 'Diệu', 'Phương'];
const GIVEN_M = ['An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Khang', 'Khoa', 'Long', 'Minh', 'Nam', 'Phong', 'Phúc', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Trung', 'Tuấn', 'Việt', 'Vinh', 'Vũ'];
const GIVEN_F = ['An', 'Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Thảo', 'Thủy', 'Trang', 'Uyên', 'Vân', 'Yến'];
const PROVINCES = ['001', '031', '036', '038', '040', '046', '048', '052', '056', '066', '075', '079', '082', '092', '096'];
const COMMUNES = ['xã Tân Phú, tỉnh Đồng Nai', 'phường Hoàn Kiếm, thành phố Hà Nội', 'phường Bến Thành, Thành phố Hồ Chí Minh', 'xã Thượng Lâm, tỉnh Tuyên Quang', 'phường Hải Châu, thành phố Đà Nẵng'];
const FORMS = FORM_IDS;
const STATUSES = ['draft', 'completed', 'printed', 'handed_over'] as const;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
function pickWeighted<T>(r: () => number, xs: readonly T[], w: readonly number[]): T {
  const total = w.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < xs.length; i++) {
    x -= w[i] ?? 0;
    if (x <= 0) return xs[i] as T;
  }
  return xs[xs.length - 1] as T;
}

interface Person {
  fullName: string;
  idNumber: string;
  fields: FilledField[];
}

function person(r: () => number): Person {
  const female = r() < 0.5;
  const year = 1940 + Math.floor(r() * 66);
  const fullName = `${pickWeighted(r, FAMILY, FAMILY_WEIGHTS)} ${pick(r, female ? MIDDLE_F : MIDDLE_M)} ${pick(r, female ? GIVEN_F : GIVEN_M)}`;
  // NĐ 137/2015: province (3) + century/sex (1) + year (2) + random (6).
  const idNumber = `${pick(r, PROVINCES)}${(year >= 2000 ? 2 : 0) + (female ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(Math.floor(r() * 1e6)).padStart(6, '0')}`;
  const dob = `${String(1 + Math.floor(r() * 28)).padStart(2, '0')}/${String(1 + Math.floor(r() * 12)).padStart(2, '0')}/${year}`;
  const f = (key: string, label: string, value: string, source: FilledField['source'] = 'CHIP'): FilledField => ({
    key,
    group: 'Thông tin người khai',
    label,
    value,
    source,
    provenance: source === 'CHIP' ? 'chip' : 'citizen',
  });
  return {
    fullName,
    idNumber,
    fields: [
      f('fullName', 'Họ, chữ đệm và tên', fullName),
      f('dateOfBirth', 'Ngày, tháng, năm sinh', dob),
      f('sex', 'Giới tính', female ? 'Nữ' : 'Nam'),
      f('idNumber', 'Số định danh cá nhân', idNumber),
      f('placeOfResidence', 'Nơi cư trú', `Số ${1 + Math.floor(r() * 200)}, thôn ${1 + Math.floor(r() * 12)}, ${pick(r, COMMUNES)}`),
      f('phone', 'Số điện thoại liên hệ', `09${String(Math.floor(r() * 1e8)).padStart(8, '0')}`, 'INPUT'),
    ],
  };
}

function build(): void {
  const tmp = `${FILE}.building`;
  for (const s of ['', '-wal', '-shm']) fs.rmSync(tmp + s, { force: true });
  const db = openDatabase({ path: tmp, key: KEY });
  db.pragma('synchronous = OFF'); // build only; the measured saves below use the store's FULL
  db.pragma('cache_size = -262144');
  const ins = db.prepare(INSERT_DOSSIER_SQL);
  const ev = db.prepare('INSERT INTO dossier_events (dossier_seq, status, at, actor) VALUES (?, ?, ?, ?)');
  const ids = db.prepare('INSERT OR IGNORE INTO dossier_ids (id_number, seq) VALUES (?, ?)');
  const r = mulberry32(42);
  const start = Date.parse('2025-07-01T00:00:00Z');
  const BATCH = 50_000;
  const t0 = performance.now();
  for (let done = 0; done < ROWS; done += BATCH) {
    db.transaction(() => {
      for (let i = done; i < Math.min(ROWS, done + BATCH); i++) {
        const p = person(r);
        const at = new Date(start + i * 30_000).toISOString();
        const info = ins.run({
          id: `HS-${at.slice(0, 10).replace(/-/g, '')}-${i.toString(32).toUpperCase().padStart(6, '0')}`,
          form_id: pick(r, FORMS),
          form_version: '1',
          status: pick(r, STATUSES),
          fields_json: JSON.stringify(p.fields),
          ...dossierSearchColumns(p.fields),
          verification_override: 0,
          created_at: at,
          updated_at: at,
        });
        ev.run(Number(info.lastInsertRowid), 'created', at, 'kiosk');
        for (const idNumber of extractAllIds(p.fields)) ids.run(idNumber, Number(info.lastInsertRowid));
      }
    })();
    process.stdout.write(`\rbuilding: ${Math.min(ROWS, done + BATCH)} / ${ROWS} dossiers (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.renameSync(tmp, FILE);
  process.stdout.write(`\nbuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** A cached build of an older schema with the same row count: upgraded in place by the migrations, then renamed. */
function upgradeCachedBuild(): boolean {
  const suffix = `-${ROWS}.sqlite3`;
  const older = fs
    .readdirSync(os.tmpdir())
    .filter((n) => n.startsWith('motcua-bench-store-schema') && n.endsWith(suffix))
    .map((n) => path.join(os.tmpdir(), n))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!older) return false;
  const t = performance.now();
  openDatabase({ path: older, key: KEY, integrityCheck: 'none' }).close(); // runs the pending migrations
  for (const s of ['-wal', '-shm']) fs.rmSync(older + s, { force: true });
  fs.renameSync(older, FILE);
  console.log(`upgraded cached ${path.basename(older)} to this schema in ${ms(performance.now() - t)}`);
  return true;
}

/**
 * Opening the large store: with the start-up quick_check (every page read before the first screen) and without it
 * (key check and migrations only), then the same check in the background (worker thread) while the main thread
 * keeps saving, to show it stays off the request path.
 */
async function openLargeStore(): Promise<void> {
  const mib = (fs.statSync(FILE).size / 1024 / 1024).toFixed(0);
  const t = performance.now();
  const store = openStore({ path: FILE, key: KEY, integrityCheck: 'none' });
  console.log(`open a large store (${ROWS} dossiers, ${mib} MiB), integrity check in the background: ${ms(performance.now() - t)} (target ≤ 1000 ms)`);

  const monitor = new IntegrityMonitor({ path: FILE, hexKey: normalizeKey(KEY) });
  const r = mulberry32(7);
  const saves: number[] = [];
  let lagMax = 0;
  let done = false;
  const check = monitor.checkNow().finally(() => {
    done = true;
  });
  while (!done) {
    const p = person(r);
    const t0 = performance.now();
    store.createDossier({ formId: 'CT01', formVersion: '1', fields: p.fields, actor: 'bench' });
    saves.push(performance.now() - t0);
    const t1 = performance.now();
    await new Promise((res) => setTimeout(res, 20));
    lagMax = Math.max(lagMax, performance.now() - t1 - 20);
  }
  const status = await check;
  store.close();
  console.log(
    `  background quick_check: ${status.state} in ${ms(status.durationMs ?? NaN)}; meanwhile ${saves.length} saves p50 ${ms(pct(saves, 50))} ` +
      `p99 ${ms(pct(saves, 99))}, event-loop lag max ${ms(lagMax)}`,
  );
  const tQuick = performance.now();
  openStore({ path: FILE, key: KEY, integrityCheck: 'quick' }).close();
  console.log(`open a large store with the start-up quick_check instead (the old start): ${ms(performance.now() - tQuick)}`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(FILE) && !upgradeCachedBuild()) build();
  else console.log(`using cached ${FILE}`);

  await openLargeStore();

  const tOpen = performance.now();
  const store = openStore({ path: FILE, key: KEY, integrityCheck: 'none' });
  console.log(`open (key + migrations): ${ms(performance.now() - tOpen)}`);
  const rowCount = store.db.prepare('SELECT count(*) FROM dossiers').pluck().get() as number;
  console.log(`rows: ${rowCount}; synchronous = ${String(store.db.pragma('synchronous', { simple: true }))} (2 = FULL), journal_mode = ${String(store.db.pragma('journal_mode', { simple: true }))}`);

  // Saves: a fresh person each time, through the public API (sanitize, FTS, event, audit, one fsync'd commit).
  const r = mulberry32(Date.now());
  const saveTimes: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const p = person(r);
    const t = performance.now();
    store.createDossier({ formId: 'CT01', formVersion: '1', fields: p.fields, actor: 'bench' });
    saveTimes.push(performance.now() - t);
  }
  console.log(`save (createDossier, ${SAVES} samples): p50 ${ms(pct(saveTimes, 50))}  p99 ${ms(pct(saveTimes, 99))}  max ${ms(Math.max(...saveTimes))}`);

  // Queries: people that exist in the build (same PRNG seed), in several shapes.
  const q = mulberry32(42);
  const people = Array.from({ length: 5000 }, () => person(q));
  const queries: { kind: string; text: string }[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const p = people[(i * 97) % people.length] as Person;
    const words = p.fullName.split(' ');
    switch (i % 5) {
      case 0: queries.push({ kind: 'full name, no diacritics', text: foldForSearch(p.fullName) }); break;
      case 1: queries.push({ kind: 'full name, diacritics', text: p.fullName }); break;
      case 2: queries.push({ kind: 'family + prefix of given', text: `${foldForSearch(words[0] ?? '')} ${foldForSearch(words[2] ?? '').slice(0, 2)}` }); break;
      case 3: queries.push({ kind: 'ID prefix (6 digits)', text: p.idNumber.slice(0, 6) }); break;
      default: queries.push({ kind: 'full ID number', text: p.idNumber });
    }
  }
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  let hits = 0;
  for (const { kind, text } of queries) {
    const t = performance.now();
    hits += store.search(text, 20).length;
    const dt = performance.now() - t;
    all.push(dt);
    byKind.set(kind, [...(byKind.get(kind) ?? []), dt]);
  }
  console.log(`search (limit 20, ${SEARCHES} queries): p50 ${ms(pct(all, 50))}  p99 ${ms(pct(all, 99))}  max ${ms(Math.max(...all))}  avg hits ${(hits / SEARCHES).toFixed(1)}`);
  for (const [kind, xs] of byKind) console.log(`  ${kind.padEnd(26)} p50 ${ms(pct(xs, 50))}  p99 ${ms(pct(xs, 99))}`);
  const common = ['nguyen', 'nguyen van', 'tran thi h', 'dang'];
  for (const text of common) {
    const t = performance.now();
    const n = store.search(text, 20).length;
    console.log(`  common "${text}": ${ms(performance.now() - t)} (${n} hits)`);
  }
  store.close();
  const size = fs.statSync(FILE).size + (fs.existsSync(`${FILE}-wal`) ? fs.statSync(`${FILE}-wal`).size : 0);
  console.log(`db size: ${(size / 1024 / 1024).toFixed(1)} MiB (${(size / rowCount).toFixed(0)} bytes/dossier)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
