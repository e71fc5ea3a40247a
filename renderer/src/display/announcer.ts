/**
 * The hall display's loudspeaker: each queue.call is a chime plus spoken clips (/announce/<clip>.wav, see
 * src/queue/announcement.ts), played one after another on one audio element. Calls that arrive while another is
 * being read wait their turn: two counters calling at once must not talk over each other.
 *
 * Chromium's autoplay rule refuses play() on a page nobody has touched (a TV in a hall). Then the announcer holds
 * its queue, says so (`blocked`), and goes on once a person presses "Bật âm thanh" (`resume()` inside that press).
 */

/** The part of HTMLAudioElement this needs (tests pass a fake). */
export interface AudioLike {
  src: string;
  play(): Promise<void>;
  pause(): void;
  addEventListener(type: 'ended' | 'error', l: () => void): void;
  removeEventListener(type: 'ended' | 'error', l: () => void): void;
}

/** Clip ids are lowercase words joined by hyphens; anything else from an event is not turned into a URL. */
const CLIP_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Beyond this many waiting announcements the oldest are dropped: by then those citizens are on the screen already. */
const MAX_PENDING = 6;
/** A clip that neither ends nor fails (a stalled device) does not stop the queue for longer than this. */
const CLIP_TIMEOUT_MS = 10_000;

export type AnnouncerState = 'idle' | 'playing' | 'blocked';

export class Announcer {
  private readonly pending: string[][] = [];
  private current: string[] | null = null;
  private state: AnnouncerState = 'idle';
  private readonly listeners = new Set<(s: AnnouncerState) => void>();
  private stopped = false;

  constructor(
    private readonly audio: AudioLike,
    private readonly base = '/announce/',
  ) {}

  /** Queue one announcement (its clip ids in order). */
  enqueue(clips: readonly string[]): void {
    const safe = clips.filter((c) => CLIP_ID.test(c));
    if (safe.length === 0 || this.stopped) return;
    this.pending.push(safe);
    while (this.pending.length > MAX_PENDING) this.pending.shift();
    if (this.state === 'idle') void this.run();
  }

  /** After a person's press: play what waits (the press lets play() through). */
  resume(): void {
    if (this.state === 'blocked') {
      this.set('idle');
      void this.run();
    }
  }

  onState(l: (s: AnnouncerState) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get status(): AnnouncerState {
    return this.state;
  }

  stop(): void {
    this.stopped = true;
    this.pending.length = 0;
    this.audio.pause();
  }

  private set(s: AnnouncerState): void {
    this.state = s;
    this.listeners.forEach((l) => l(s));
  }

  private async run(): Promise<void> {
    this.set('playing');
    while (!this.stopped) {
      const seq = this.current ?? this.pending.shift();
      if (!seq) break;
      this.current = seq;
      try {
        // A blocked play keeps the whole announcement for after the press: half a sentence helps nobody.
        for (const clip of seq) await this.playClip(clip);
      } catch (e) {
        if ((e as Error)?.name === 'NotAllowedError') {
          this.set('blocked');
          return;
        }
        // A missing or broken clip skips the rest of this announcement (the screen still shows the call).
      }
      this.current = null;
    }
    this.set('idle');
  }

  private playClip(id: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.audio.removeEventListener('ended', done);
        this.audio.removeEventListener('error', failed);
        resolve();
      };
      const failed = (): void => {
        clearTimeout(timer);
        this.audio.removeEventListener('ended', done);
        this.audio.removeEventListener('error', failed);
        reject(new Error('clip failed'));
      };
      const timer = setTimeout(failed, CLIP_TIMEOUT_MS);
      this.audio.addEventListener('ended', done);
      this.audio.addEventListener('error', failed);
      this.audio.src = `${this.base}${id}.wav`;
      this.audio.play().catch((e: unknown) => {
        clearTimeout(timer);
        this.audio.removeEventListener('ended', done);
        this.audio.removeEventListener('error', failed);
        reject(e);
      });
    });
  }
}
