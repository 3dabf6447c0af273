/** Peak resident memory of another process, where the OS tells us (Linux: VmHWM in /proc). */
import { readFileSync } from 'node:fs';

export function peakRss(pid: number | undefined): number {
  if (pid === undefined || process.platform !== 'linux') return 0;
  try {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // already gone
  }
}
