/** The hall display's loudspeaker queue: order, no overlap, the autoplay refusal and its button, bad clips. */
import { describe, it, expect } from 'vitest';
import { Announcer, type AnnouncerState, type AudioLike } from '../../renderer/src/display/announcer';

class FakeAudio implements AudioLike {
  src = '';
  played: string[] = [];
  playing = 0;
  maxPlaying = 0;
  refuse = false;
  broken = new Set<string>();
  private listeners = new Map<string, Set<() => void>>();
  addEventListener(type: string, l: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }
  removeEventListener(type: string, l: () => void): void {
    this.listeners.get(type)?.delete(l);
  }
  pause(): void {}
  async play(): Promise<void> {
    if (this.refuse) throw Object.assign(new Error('no gesture'), { name: 'NotAllowedError' });
    const src = this.src;
    this.played.push(src);
    this.playing++;
    this.maxPlaying = Math.max(this.maxPlaying, this.playing);
    setTimeout(() => {
      this.playing--;
      for (const l of [...(this.listeners.get(this.broken.has(src) ? 'error' : 'ended') ?? [])]) l();
    }, 2);
  }
}

const idle = (a: Announcer) =>
  new Promise<void>((resolve) => {
    if (a.status === 'idle') return resolve();
    const off = a.onState((s) => s === 'idle' && (off(), resolve()));
  });

describe('hall display announcer', () => {
  it('plays each announcement clip by clip, and calls arriving meanwhile after it, never at once', async () => {
    const audio = new FakeAudio();
    const a = new Announcer(audio);
    a.enqueue(['chime', 'phrase-moi-cong-dan', 'so-muoi-huyen', 'so-bay', 'phrase-den-quay', 'so-hai']);
    a.enqueue(['chime', 'phrase-moi-cong-dan', 'so-tam', 'phrase-den-quay', 'so-mot']);
    await idle(a);
    expect(audio.played).toEqual(
      ['chime', 'phrase-moi-cong-dan', 'so-muoi-huyen', 'so-bay', 'phrase-den-quay', 'so-hai', 'chime', 'phrase-moi-cong-dan', 'so-tam', 'phrase-den-quay', 'so-mot'].map((c) => `/announce/${c}.wav`),
    );
    expect(audio.maxPlaying).toBe(1);
  });

  it('when the browser refuses to play, it waits (blocked) and plays the whole announcement after the press', async () => {
    const audio = new FakeAudio();
    audio.refuse = true;
    const a = new Announcer(audio);
    const states: AnnouncerState[] = [];
    a.onState((s) => states.push(s));
    a.enqueue(['chime', 'so-bay']);
    await new Promise((r) => setTimeout(r, 10));
    expect(a.status).toBe('blocked');
    expect(audio.played).toEqual([]);
    a.enqueue(['chime', 'so-tam']);
    audio.refuse = false;
    a.resume();
    await idle(a);
    expect(audio.played).toEqual(['/announce/chime.wav', '/announce/so-bay.wav', '/announce/chime.wav', '/announce/so-tam.wav']);
    expect(states).toContain('blocked');
  });

  it('turns no foreign string into a URL, and a broken clip skips only the rest of its own announcement', async () => {
    const audio = new FakeAudio();
    audio.broken.add('/announce/so-bay.wav');
    const a = new Announcer(audio, '/announce/');
    a.enqueue(['../../api', 'https://evil.example/x', 'Chime', '']);
    expect(a.status).toBe('idle');
    a.enqueue(['chime', 'so-bay', 'so-hai']);
    a.enqueue(['chime', 'so-ba']);
    await idle(a);
    expect(audio.played).toEqual(['/announce/chime.wav', '/announce/so-bay.wav', '/announce/chime.wav', '/announce/so-ba.wav']);
  });

  it('keeps at most six announcements waiting besides the one held: the oldest waiting go first', async () => {
    const audio = new FakeAudio();
    audio.refuse = true;
    const a = new Announcer(audio);
    a.enqueue(['so-mot']);
    await new Promise((r) => setTimeout(r, 5));
    for (const d of ['so-hai', 'so-ba', 'so-bon', 'so-nam', 'so-sau', 'so-bay', 'so-tam', 'so-chin']) a.enqueue([d]);
    audio.refuse = false;
    a.resume();
    await idle(a);
    expect(audio.played.map((p) => p.slice(10, -4))).toEqual(['so-mot', 'so-bon', 'so-nam', 'so-sau', 'so-bay', 'so-tam', 'so-chin']);
  });
});
