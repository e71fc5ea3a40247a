import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

export function base64ToBlob(b64: string, mime: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/**
 * PDF preview in a blob: frame (CSP frame-src blob:); "print" uses the frame's own print dialog. The viewer's
 * toolbar (download, annotate, rotate) is hidden with the PDF open parameters (Adobe "PDF Open Parameters",
 * honoured by Chromium's viewer): a citizen's kiosk should not save or mark up the declaration (the counter keeps it).
 */
export function PdfPreview(props: { pdfBase64: string; onPrintRef?: (print: () => void) => void; toolbar?: boolean; title?: string }) {
  const { t } = useI18n();
  const frame = useRef<HTMLIFrameElement>(null);
  const url = useMemo(() => URL.createObjectURL(base64ToBlob(props.pdfBase64, 'application/pdf')), [props.pdfBase64]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  useEffect(() => {
    props.onPrintRef?.(() => frame.current?.contentWindow?.print());
  }, [props, url]);
  // At the kiosk the preview is only looked at ("In tờ khai" prints it): no Tab stop inside a PDF viewer the citizen
  // cannot leave by touch, and no focus ring Chromium would not draw on it.
  return <iframe ref={frame} className="pdf-preview" title={props.title ?? t('print.preview')} tabIndex={props.toolbar ? undefined : -1} src={props.toolbar ? url : `${url}#toolbar=0&navpanes=0`} />;
}

export function download(fileName: string, mime: string, b64: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(base64ToBlob(b64, mime));
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
