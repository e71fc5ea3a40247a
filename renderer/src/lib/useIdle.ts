import { useEffect, useRef } from 'react';

/**
 * Calls onIdle after `ms` without pointer/key/touch activity while `active`. A change of `activity` counts as
 * activity too (the kiosk passes its card-read progress: a slow read is not a citizen who walked away).
 */
export function useIdle(ms: number, active: boolean, onIdle: () => void, activity: unknown = null): void {
  const cb = useRef(onIdle);
  cb.current = onIdle;
  useEffect(() => {
    if (!active || ms <= 0) return;
    let timer = setTimeout(() => cb.current(), ms);
    const reset = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => cb.current(), ms);
    };
    const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, reset, { passive: true }));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, reset));
    };
  }, [ms, active, activity]);
}
