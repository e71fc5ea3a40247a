import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, QueueInfo, QueueReportView } from '../../../src/api/contract';
import { useI18n, type T } from '../i18n/i18n';
import { download } from '../components/PdfPreview';
import { BarChart, DistChart, minSec, type DistRow } from './ReportCharts';
import { centreDay } from './ProgressEditor';
import './counterQueue.css';

type Period = 'day' | 'week';
type Row = QueueReportView['rows'][number];

function periodLabel(t: T, p: string): string {
  const w = /^(\d{4})-W(\d{2})$/.exec(p);
  if (w) return t('cq.report.weekLabel', { w: w[2]!, y: w[1]! });
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p);
  return d ? `${d[3]}/${d[2]}/${d[1]}` : p;
}

function formLabel(t: T, f: string): string {
  return f === 'OTHER' ? t('cq.report.other') : t(`form.short.${f}` as Parameters<T>[0]);
}

/**
 * The head of centre's report ("trưởng trung tâm", or an administrator): per day or week and procedure group, the
 * dossiers per procedure, waiting and service times as distributions, no-shows, ratings, and dossiers open past
 * their return date; the same report as CSV and PDF. The server refuses a plain clerk, whatever this screen shows.
 */
export function ReportView(props: { api: ApiClient; token: string; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const { api, token, onError } = props;
  const today = centreDay();
  const [from, setFrom] = useState(centreDay(new Date(Date.now() - 6 * 86_400_000)));
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState<Period>('day');
  const [info, setInfo] = useState<QueueInfo | null>(null);
  const [report, setReport] = useState<QueueReportView | null>(null);
  const load = useCallback(() => {
    api.call('report.queue', { fromDay: from, toDay: to, period }, token).then(setReport, onError);
  }, [api, token, from, to, period, onError]);
  useEffect(() => {
    api.call('queue.info', {}).then(setInfo, onError);
    load();
    // Loads once on entry; later on "Xem".
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const group = (id: string): string => info?.groups.find((g) => g.id === id)?.label ?? id;
  const rowLabel = (r: Row): string => `${periodLabel(t, r.period)} · ${group(r.groupId)}`;
  const exportAs = (format: 'csv' | 'pdf'): void => {
    api.call('report.export', { fromDay: from, toDay: to, period, format }, token).then((x) => download(x.fileName, x.mime, x.dataBase64), onError);
  };
  const dist = (pick: (r: Row) => Row['waiting']): DistRow[] => (report?.rows ?? []).map((r) => ({ key: `${r.period}-${r.groupId}`, label: rowLabel(r), ...pick(r) }));
  const describe = (d: DistRow): string => t('cq.report.chartRow', { label: d.label, p50: minSec(d.p50), p90: minSec(d.p90), max: minSec(d.max), n: d.count });
  const byForm = new Map<string, number>();
  for (const r of report?.rows ?? []) for (const [f, n] of Object.entries(r.byForm)) byForm.set(`${r.period}|${f}`, (byForm.get(`${r.period}|${f}`) ?? 0) + n);
  const levels = [0, 0, 0, 0, 0];
  let rated = 0, first = 0, yes = 0, no = 0;
  for (const r of report?.rows ?? []) {
    r.ratings.byLevel.forEach((n, i) => (levels[i]! += n));
    rated += r.ratings.count;
    first += r.ratings.firstVisit;
    yes += r.ratings.papersClearYes;
    no += r.ratings.papersClearNo;
  }
  return (
    <section aria-labelledby="report-title" className="report-view" data-testid="report-view">
      <h1 id="report-title">{t('cq.report.title')}</h1>
      <form
        className="report-form"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <div className="field">
          <label htmlFor="report-from">{t('cq.report.from')}</label>
          <input id="report-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t('cq.report.to')}</label>
          <input id="report-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="report-period">{t('cq.report.period')}</label>
          <select id="report-period" value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            <option value="day">{t('cq.report.day')}</option>
            <option value="week">{t('cq.report.week')}</option>
          </select>
        </div>
        <button type="submit" className="btn btn-primary">
          {t('cq.report.show')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => exportAs('csv')}>
          {t('cq.report.csv')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => exportAs('pdf')}>
          {t('cq.report.pdf')}
        </button>
      </form>
      {!report && <p role="status">{t('common.loading')}</p>}
      {report && report.rows.length === 0 && <p data-testid="report-empty">{t('cq.report.empty')}</p>}
      {report && report.rows.length > 0 && (
        <>
          <h2>{t('cq.report.summary')}</h2>
          <table className="report-table" data-testid="report-summary">
            <thead>
              <tr>
                <th scope="col">{t('cq.report.col.period')}</th>
                <th scope="col">{t('cq.report.col.group')}</th>
                <th scope="col" className="num">{t('cq.report.col.tickets')}</th>
                <th scope="col" className="num">{t('cq.report.col.served')}</th>
                <th scope="col" className="num">{t('cq.report.col.dossiers')}</th>
                <th scope="col" className="num">{t('cq.report.col.noShow')}</th>
                <th scope="col" className="num">{t('cq.report.col.ratings')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={`${r.period}-${r.groupId}`} data-row={`${r.period}-${r.groupId}`}>
                  <td>{periodLabel(t, r.period)}</td>
                  <td>{group(r.groupId)}</td>
                  <td className="num" data-col="tickets">{r.tickets}</td>
                  <td className="num" data-col="served">{r.served}</td>
                  <td className="num" data-col="dossiers">{r.dossiers}</td>
                  <td className="num" data-col="noShow">{r.noShowMarks}</td>
                  <td className="num" data-col="ratings">{r.ratings.count ? `${r.ratings.count} (${r.ratings.mean?.toFixed(1)})` : '0'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="report-charts">
            <BarChart title={t('cq.report.byForm')} testId="chart-by-form" rows={[...byForm.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => {
              const [p, f] = k.split('|') as [string, string];
              return { key: k, label: `${periodLabel(t, p)} · ${formLabel(t, f)}`, value: n };
            })} />
            <DistChart title={t('cq.report.waiting')} testId="chart-waiting" rows={dist((r) => r.waiting)} describe={describe} />
            <DistChart title={t('cq.report.service')} testId="chart-service" rows={dist((r) => r.service)} describe={describe} />
            <p className="chart-note">{t('cq.report.chartNote')}</p>
            {rated > 0 && <BarChart title={t('cq.report.ratings')} testId="chart-ratings" rows={levels.map((n, i) => ({ key: String(i + 1), label: t('cq.report.level', { n: i + 1 }), value: n }))} />}
          </div>
          <p className="chart-note" data-testid="report-ratings-note">
            {rated ? t('cq.report.ratingsNote', { first, n: rated, yes, no }) : t('cq.report.noRatings')}
          </p>
        </>
      )}
      {report && (
        <>
          <h2>{t('cq.report.overdue', { n: report.overdue.length })}</h2>
          {report.overdue.length === 0 ? (
            <p>{t('cq.report.noOverdue')}</p>
          ) : (
            <table className="report-table" data-testid="report-overdue">
              <thead>
                <tr>
                  <th scope="col">{t('cq.report.col.code')}</th>
                  <th scope="col">{t('cq.report.col.form')}</th>
                  <th scope="col">{t('cq.report.col.expected')}</th>
                </tr>
              </thead>
              <tbody>
                {report.overdue.map((o) => (
                  <tr key={o.dossierCode}>
                    <td>{o.dossierCode}</td>
                    <td>{formLabel(t, o.formId)}</td>
                    <td>{periodLabel(t, o.expectedReturn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

