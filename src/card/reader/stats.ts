/** Counters for one read: APDUs, bytes on the wire, wall and CPU time (the ReadResult's `stats`). */
import type { ReadStats } from '../result';

export class ReadStatsCounter {
  apdus = 0;
  bytesOut = 0;
  bytesIn = 0;
  private readonly t0 = performance.now();
  private readonly cpu0 = process.cpuUsage();

  count(commandLength: number, responseLength: number): void {
    this.apdus += 1;
    this.bytesOut += commandLength;
    this.bytesIn += responseLength;
  }

  snapshot(strategy?: ReadStats['strategy']): ReadStats {
    const cpu = process.cpuUsage(this.cpu0);
    return {
      apdus: this.apdus,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      wallMs: Math.round((performance.now() - this.t0) * 10) / 10,
      cpuMs: Math.round(((cpu.user + cpu.system) / 1000) * 10) / 10,
      ...(strategy ? { strategy } : {}),
    };
  }
}
