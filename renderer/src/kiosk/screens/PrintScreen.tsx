import { useRef } from 'react';
import { useI18n } from '../../i18n/i18n';
import { PdfPreview } from '../../components/PdfPreview';

/**
 * The declaration's preview with printing as the main action. Where the host can print to the configured printer
 * (`silent`), "In" sends a real job; otherwise it opens the print dialog of the preview. `printed` says a real job
 * was sent, and only then does the done screen speak of a printed declaration.
 */
export function PrintScreen(props: { pdfBase64: string | null; kind: 'declaration' | 'slip'; silent: boolean; printed: boolean; busy: boolean; onSilentPrint: () => void; onSlip: () => void; onFinish: () => void }) {
  const { t } = useI18n();
  const printRef = useRef<() => void>(() => undefined);
  return (
    <main className="screen print-screen">
      <h1>{t('print.title')}</h1>
      {props.printed && (
        <p className="notice" role="status" data-testid="printed-notice">
          {t('print.sent')}
        </p>
      )}
      {props.pdfBase64 ? <PdfPreview pdfBase64={props.pdfBase64} onPrintRef={(p) => (printRef.current = p)} /> : <p>{t('print.previewUnavailable')}</p>}
      <div className="actions actions-bottom">
        {props.kind === 'declaration' && (
          <button type="button" className="btn btn-secondary" onClick={props.onSlip}>
            {t('print.slip')}
          </button>
        )}
        <button type="button" className="btn btn-secondary" onClick={props.onFinish}>
          {t('print.finish')}
        </button>
        <button type="button" className="btn btn-primary big" disabled={props.busy} onClick={() => (props.silent ? props.onSilentPrint() : printRef.current())}>
          {t('print.print')}
        </button>
      </div>
    </main>
  );
}
