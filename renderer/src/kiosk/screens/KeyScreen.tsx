import { useEffect, useRef, useState } from 'react';
import type { CardKey, CardStatus } from '../../../../src/api/contract';
import { useI18n } from '../../i18n/i18n';
import { Keypad } from '../../components/Keypad';
import { WedgeDetector } from '../../lib/qrWedge';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';

type Tab = 'can' | 'qr' | 'mrz';

/**
 * Key entry: 6-digit CAN keypad, a keyboard-wedge QR scan (active on every tab: a scanner "types" anywhere),
 * or the MRZ lines with their own on-screen keyboard (a touch-only kiosk has no other). The CAN is not secret
 * (printed on the card), so its digits are shown.
 * For the second card of a two-card form, while the first person's card is still on the reader (`swapFirst`),
 * the screen asks for the swap first: a read with the second person's code on the first card fails as a wrong code.
 */
export function KeyScreen(props: { second: boolean; swapFirst?: boolean; onKey: (k: CardKey) => void; onBack: () => void; demo?: CardStatus['demoCard']; onDemoCard?: (index: number) => void }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('can');
  const [can, setCan] = useState('');
  const [mrz, setMrz] = useState('');
  const [qrError, setQrError] = useState(false);
  const wedge = useRef(new WedgeDetector());
  const onKey = useRef(props.onKey);
  onKey.current = props.onKey;

  useEffect(() => {
    const d = wedge.current;
    const handler = (e: KeyboardEvent): void => {
      const r = d.feed(e.key, e.timeStamp || performance.now());
      if (e.key === 'Enter' && r) {
        e.preventDefault();
        onKey.current({ idNumber: r.idNumber });
      } else if (e.key === 'Enter' && tab === 'qr') setQrError(true);
    };
    window.addEventListener('keydown', handler, true);
    return () => window.removeEventListener('keydown', handler, true);
  }, [tab]);

  useEffect(() => {
    if (can.length === 6) onKey.current({ can });
  }, [can]);

  const tabs: { id: Tab; label: string }[] = [
    { id: 'can', label: t('key.tabCan') },
    { id: 'qr', label: t('key.tabQr') },
    { id: 'mrz', label: t('key.tabMrz') },
  ];
  return (
    <main className="screen key-screen">
      <h1>{props.second ? t('key.secondCard') : t('key.title')}</h1>
      {props.swapFirst && (
        <p className="banner banner-untrusted" role="status" data-testid="swap-notice">
          {t('swap.liftFirst')}
        </p>
      )}
      <div role="tablist" className="tabs" aria-label={t('key.title')}>
        {tabs.map((x) => (
          <button key={x.id} role="tab" type="button" id={`tab-${x.id}`} aria-selected={tab === x.id} aria-controls={`panel-${x.id}`} className={`tab${tab === x.id ? ' active' : ''}`} onClick={() => setTab(x.id)}>
            {x.label}
          </button>
        ))}
      </div>
      {tab === 'can' && (
        <section id="panel-can" role="tabpanel" aria-labelledby="tab-can" className="key-panel">
          <div>
            <p className="help">{t('key.canHelp')}</p>
            <div className="can-display" aria-label={t('key.canLabel')} aria-live="polite" data-testid="can-display">
              {Array.from({ length: 6 }, (_, i) => (
                <span key={i} className={`can-digit${i < can.length ? ' filled' : ''}`}>
                  {can[i] ?? ''}
                </span>
              ))}
            </div>
          </div>
          <Keypad onDigit={(d) => setCan((c) => (c.length < 6 ? c + d : c))} onBackspace={() => setCan((c) => c.slice(0, -1))} onClear={() => setCan('')} />
        </section>
      )}
      {tab === 'qr' && (
        <section id="panel-qr" role="tabpanel" aria-labelledby="tab-qr" className="key-panel key-qr">
          <div className="qr-illustration" aria-hidden="true">
            ▦
          </div>
          <div>
            <p className="help">{t('key.qrHelp')}</p>
            <p className="waiting" role="status">
              {qrError ? t('key.qrBad') : t('key.qrWaiting')}
            </p>
          </div>
        </section>
      )}
      {tab === 'mrz' && (
        <section id="panel-mrz" role="tabpanel" aria-labelledby="tab-mrz" className="key-panel key-mrz">
          <div>
            <label htmlFor="mrz-input">{t('key.mrzHelp')}</label>
            <textarea id="mrz-input" rows={3} className="mrz" spellCheck={false} autoComplete="off" value={mrz} onChange={(e) => setMrz(cleanMrz(e.target.value))} />
            <button type="button" className="btn btn-primary" disabled={mrz.replace(/\n/g, '').length < 30} onClick={() => props.onKey({ mrz: mrz.trim() })}>
              {t('common.continue')}
            </button>
          </div>
          <OnScreenKeyboard layout="mrz" value={mrz} onChange={(v) => setMrz(cleanMrz(v))} onDone={() => mrz.replace(/\n/g, '').length >= 30 && props.onKey({ mrz: mrz.trim() })} />
        </section>
      )}
      {props.demo && (
        <section className="demo-panel" aria-label="THẺ MẪU" data-testid="demo-panel">
          <span>
            {props.demo.label}
            {props.demo.can && ` — CAN ${props.demo.can}`}
          </span>
          {props.onDemoCard &&
            Array.from({ length: props.demo.count }, (_, i) => (
              <button key={i} type="button" className={`btn btn-ghost${i === props.demo?.index ? ' active' : ''}`} aria-pressed={i === props.demo?.index} onClick={() => props.onDemoCard?.(i)}>
                THẺ MẪU {i + 1}
              </button>
            ))}
        </section>
      )}
      <div className="actions actions-bottom">
        <button type="button" className="btn btn-secondary" onClick={props.onBack}>
          {t('common.startOver')}
        </button>
      </div>
    </main>
  );
}

/** MRZ text as the card prints it: uppercase A–Z, 0–9, "<", at most three lines. */
function cleanMrz(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9<\n]/g, '')
    .split('\n')
    .slice(0, 3)
    .join('\n');
}
