/**
 * The hall display: the newest call in big type, what each counter serves, the last few calls and how many wait
 * per group — numbers and counters only, never a name (the DisplayView carries none). Each queue.call also goes
 * to the loudspeaker (./announcer). It runs unattended for days: it reloads its view on every reconnect and every
 * minute, and says so when the connection is lost instead of showing stale numbers as current.
 */
import { useEffect, useRef, useState } from 'react';
import type { DisplayView } from '../../../src/api/contract';
import { useI18n } from '../i18n/i18n';
import type { WsClient } from '../api/client';
import { Announcer, type AnnouncerState } from './announcer';
import { CallHero, type LatestCall } from './CallHero';
import { ServingBoard } from './ServingBoard';
import { RecentCalls } from './RecentCalls';
import { WaitingByGroup } from './WaitingByGroup';
import { clockTime } from './clock';
import './display.css';

const REFRESH_MS = 60_000;
/** After this long without a connection the screen says what may be wrong (a display that was never linked). */
const NOT_LINKED_AFTER_MS = 6_000;

type Conn = 'connecting' | 'connected' | 'lost' | 'not-linked';

export function DisplayApp({ api, audio }: { api: WsClient; audio?: HTMLAudioElement }) {
  const { t, lang } = useI18n();
  const [view, setView] = useState<DisplayView | null>(null);
  const [latest, setLatest] = useState<LatestCall | null>(null);
  const [conn, setConn] = useState<Conn>('connecting');
  const [sound, setSound] = useState<AnnouncerState>('idle');
  const [now, setNow] = useState(() => new Date());
  const seq = useRef(0);
  // One loudspeaker for the page's life (the page is the display; it is not unmounted while it runs).
  const [announcer] = useState(() => new Announcer(audio ?? new Audio()));

  useEffect(() => {
    document.title = t('display.title');
  }, [t]);

  useEffect(() => announcer.onState(setSound), [announcer]);

  useEffect(() => {
    let alive = true;
    let ever = false;
    // An answer proves the connection too: the socket may open before this effect subscribes to onConnection.
    const load = (): void => {
      api.call('queue.display', {}).then(
        (v) => {
          if (!alive) return;
          ever = true;
          setView(v);
          setConn('connected');
        },
        (e: { messageKey?: string }) => {
          // A refused call still came over a live connection (only a dropped socket answers error.CONNECTION).
          if (!alive || e?.messageKey === 'error.CONNECTION') return;
          ever = true;
          setConn('connected');
        },
      );
    };
    const offView = api.on('queue.display', (v) => setView(v));
    const offCall = api.on('queue.call', (c) => {
      setLatest({ counter: c.counter, label: c.label, kind: c.kind, seq: ++seq.current });
      announcer.enqueue(c.clips);
    });
    const notLinked = setTimeout(() => alive && !ever && setConn('not-linked'), NOT_LINKED_AFTER_MS);
    const offConn = api.onConnection((up) => {
      if (up) {
        ever = true;
        setConn('connected');
        load();
      } else setConn('lost');
    });
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearTimeout(notLinked);
      clearInterval(timer);
      offView();
      offCall();
      offConn();
    };
  }, [api, announcer]);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 10_000);
    return () => clearInterval(timer);
  }, []);

  // Before any call event since this page opened, the newest call of the day stands in (shown, not read aloud).
  const shown: LatestCall | null = latest ?? (view?.recent[0] ? { ...view.recent[0], seq: 0 } : null);

  return (
    <main className="display" data-view="display">
      <header className="display-top">
        <h1>{t('display.heading')}</h1>
        {sound === 'blocked' ? (
          <div className="display-sound" role="alert">
            <span>{t('display.soundBlocked')}</span>
            <button type="button" className="btn btn-primary display-sound-btn" onClick={() => announcer.resume()}>
              {t('display.soundOn')}
            </button>
          </div>
        ) : null}
        <p className="display-clock" aria-label={t('display.clock', { time: clockTime(now, lang) })}>
          <time dateTime={now.toISOString()}>{clockTime(now, lang)}</time>
        </p>
      </header>
      {conn !== 'connected' ? (
        <p className="display-conn" role="status" data-conn={conn}>
          {conn === 'connecting' ? t('display.connecting') : conn === 'lost' ? t('display.disconnected') : t('display.notLinked')}
        </p>
      ) : null}
      <CallHero call={shown} />
      <div className="display-body">
        <ServingBoard current={view?.current ?? []} />
        <div className="display-side">
          <RecentCalls recent={view?.recent ?? []} />
          <WaitingByGroup groups={view?.waitingByGroup ?? []} />
        </div>
      </div>
    </main>
  );
}
