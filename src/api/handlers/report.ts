/**
 * The head of centre's report ("trưởng trung tâm": Access 'head', a clerk account with role head or admin): per day
 * or ISO week and procedure group, built by the pure functions of src/queue/report.ts from the queue's tickets and
 * ratings, plus the dossiers still open past their promised return date. Exported as CSV (spreadsheets) or as an
 * A4 PDF rendered by the print worker. Queue rows and progress hold no personal data, so neither does the report.
 */
import { ApiError, type ExportOutput, type QueueReportView } from '../contract';
import type { FormId } from '../../forms/types';
import { buildReport, reportToCsv, type ReportPeriod } from '../../queue/report';
import { centreDay } from '../../queue/ticketNumber';
import type { CoreContext, Handlers } from './context';

type ReportMethods = 'report.queue' | 'report.export';

/** At most this many overdue dossiers are listed (oldest promise first): the head acts on the oldest. */
export const OVERDUE_LIMIT = 500;
/** A report spans at most this many days (a year and a bit): bounds the rows read from the queue. */
export const MAX_REPORT_DAYS = 400;

/** The CSV's second table, after an empty line: the dossiers past their return date (codes only). */
export const OVERDUE_CSV_HEADER = 'overdue_dossier,form,expected_return';

/** The kiosk's "Tôi cần hỏi / nộp giấy tờ khác" choice, as the report names it. */
export const OTHER_LABEL = 'Hỏi đáp, giấy tờ khác';

const toBase64 = (b: Uint8Array | string): string => (typeof b === 'string' ? Buffer.from(b, 'utf8') : Buffer.from(b)).toString('base64');

export function reportHandlers(ctx: CoreContext): Handlers<ReportMethods> {
  const { o } = ctx;
  const now = (): Date => new Date((o.now ?? Date.now)());

  const view = async (i: { fromDay: string; toDay: string; period: ReportPeriod }): Promise<QueueReportView> => {
    const q = o.queue;
    if (!q) throw new ApiError('UNSUPPORTED', 'this device has no queue');
    const days = (Date.parse(`${i.toDay}T00:00:00Z`) - Date.parse(`${i.fromDay}T00:00:00Z`)) / 86_400_000;
    if (!(days <= MAX_REPORT_DAYS)) throw new ApiError('INVALID_INPUT', `a report spans at most ${MAX_REPORT_DAYS} days`);
    const [tickets, ratings] = await Promise.all([q.tickets(i.fromDay, i.toDay), q.ratings(i.fromDay, i.toDay)]);
    // Overdue is about today, whatever range is shown: a promise broken last month still waits now.
    const overdue = (o.progress?.overdue(centreDay(now()), OVERDUE_LIMIT) ?? []).map((x) => ({ ...x, formId: x.formId as FormId }));
    return { rows: buildReport(tickets, ratings, i.period), overdue };
  };

  return {
    'report.queue': (i) => view(i),
    'report.export': async (i): Promise<ExportOutput> => {
      const r = await view(i);
      const base = `bao-cao-hang-doi-${i.fromDay}_${i.toDay}-${i.period === 'day' ? 'ngay' : 'tuan'}`;
      if (i.format === 'csv') {
        const overdue = r.overdue.length ? `\r\n${OVERDUE_CSV_HEADER}\r\n${r.overdue.map((x) => `${x.dossierCode},${x.formId},${x.expectedReturn}`).join('\r\n')}\r\n` : '';
        return { fileName: `${base}.csv`, mime: 'text/csv; charset=utf-8', dataBase64: toBase64(reportToCsv(r.rows) + overdue) };
      }
      if (!o.print.queueReport) throw new ApiError('UNSUPPORTED', 'this host cannot render the report PDF');
      const office = ctx.office();
      const groupLabels = Object.fromEntries(ctx.queueConfig().groups.map((g) => [g.id, g.label]));
      const pdf = await o.print.queueReport({
        office: { communeName: office.communeName, provinceName: office.provinceName },
        fromDay: i.fromDay,
        toDay: i.toDay,
        period: i.period,
        rows: r.rows,
        overdue: r.overdue,
        groupLabels,
        formLabels: { ...Object.fromEntries(o.forms.list().map((f) => [f.id, f.code ? `${f.title} (${f.code})` : f.title])), OTHER: OTHER_LABEL },
        generatedAt: now().toISOString(),
        demo: o.demo,
      });
      return { fileName: `${base}.pdf`, mime: 'application/pdf', dataBase64: toBase64(pdf) };
    },
  };
}
