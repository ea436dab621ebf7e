import { readFileSync } from 'node:fs';

export interface ProcMemory {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size since the process started (VmHWM), bytes. */
  hwm: number;
}

/** Reads VmRSS and VmHWM of a Linux process; null once it has gone. */
export function procMemory(pid: number): ProcMemory | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Samples VmRSS every `everyMs` until stopped; reports the highest sample and the final VmHWM. */
export function watchMemory(pid: number, everyMs = 100) {
  let maxRss = 0;
  const sample = () => {
    const m = procMemory(pid);
    if (m && m.rss > maxRss) maxRss = m.rss;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop(): { maxRss: number; hwm: number } {
      clearInterval(timer);
      sample();
      return { maxRss, hwm: procMemory(pid)?.hwm ?? Number.NaN };
    },
  };
}

/** CPU time (user + system) a process has used so far, ms; NaN once it has gone. */
export function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

/** Linux reports process CPU in USER_HZ, which is 100 on every mainstream platform. */
const clockTicks = 100;

/** Busy and total CPU time of the whole machine so far (all cores), ms. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: ((total - idle) * 1000) / clockTicks, total: (total * 1000) / clockTicks };
}

/** CPU use over an interval: the process's share of one core and the machine's busy share, both in %. */
export function cpuMeter(pid: number) {
  const p0 = procCpuMs(pid);
  const m0 = machineCpuMs();
  const t0 = performance.now();
  const self0 = process.cpuUsage();
  return (): { processPct: number; machinePct: number; benchPct: number; processMs: number } => {
    const wall = performance.now() - t0;
    const m1 = machineCpuMs();
    const self = process.cpuUsage(self0);
    const processMs = procCpuMs(pid) - p0;
    return {
      processMs,
      processPct: (100 * processMs) / wall,
      machinePct: (100 * (m1.busy - m0.busy)) / (m1.total - m0.total),
      benchPct: (100 * (self.user + self.system)) / 1000 / wall,
    };
  };
}
