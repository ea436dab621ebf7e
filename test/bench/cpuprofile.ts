import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a function lives, short: `pkg` for dependencies, the file for Switchyard and Node's own code. */
function whereOf(url: string): string {
  if (url === '') return '';
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (dependency) return `${dependency[1]}/${dependency[2]!.split('/').pop()}`;
  const ours = /\/(server|connectors|migrations)\/dist\/(.*)$/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  return url.replace(/^file:\/\//, '');
}

function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (dependency) return dependency[1]!;
  if (/\/server\/dist\//.test(url)) return 'switchyard (server/dist)';
  if (url.startsWith('node:')) return 'node internals';
  return whereOf(url);
}

const label = (frame: CallFrame) =>
  `${frame.functionName || '(anonymous)'}${frame.url ? ` ${whereOf(frame.url)}:${frame.lineNumber + 1}` : ''}`;

export interface ProfileSummary {
  file: string;
  /** Sampled time inside the window, ms, and the share of it that was idle. */
  windowMs: number;
  idlePct: number;
  gcPct: number;
  /** Self time, % of busy (non-idle) time. */
  topSelf: { name: string; pct: number; ms: number }[];
  byModule: { name: string; pct: number; ms: number }[];
  /** Inclusive time of Switchyard's own functions, % of busy time. */
  topInclusiveOurs: { name: string; pct: number; ms: number }[];
}

/** Summarises a V8 `.cpuprofile`, counting only samples taken `fromMs` or later after the profile began. */
export function summariseProfile(file: string, fromMs = 0, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const modules = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let windowUs = 0;
  let idleUs = 0;
  let gcUs = 0;
  let t = profile.startTime;
  const fromUs = profile.startTime + fromMs * 1000;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < fromUs) continue;
    // A sample's weight is the time until the next one.
    const weight = profile.timeDeltas[i + 1] ?? delta;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    windowUs += weight;
    const name = node.callFrame.functionName;
    if (name === '(idle)') {
      idleUs += weight;
      continue;
    }
    if (name === '(garbage collector)') gcUs += weight;
    const key = label(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + weight);
    const module = moduleOf(node.callFrame.url, name);
    modules.set(module, (modules.get(module) ?? 0) + weight);
    const onStack = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (!/\/server\/dist\//.test(frame.url)) continue;
      const ours = label(frame);
      if (onStack.has(ours)) continue;
      onStack.add(ours);
      inclusive.set(ours, (inclusive.get(ours) ?? 0) + weight);
    }
  }
  const busyUs = windowUs - idleUs;
  const rank = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, pct: busyUs > 0 ? (100 * us) / busyUs : 0 }));
  return {
    file,
    windowMs: windowUs / 1000,
    idlePct: windowUs > 0 ? (100 * idleUs) / windowUs : 0,
    gcPct: busyUs > 0 ? (100 * gcUs) / busyUs : 0,
    topSelf: rank(self, top),
    byModule: rank(modules, 12),
    topInclusiveOurs: rank(inclusive, 15),
  };
}

export function formatSummary(title: string, s: ProfileSummary): string {
  const rows = (items: { name: string; pct: number; ms: number }[]) =>
    items.map((item) => `    ${item.pct.toFixed(1).padStart(5)}%  ${item.ms.toFixed(0).padStart(6)} ms  ${item.name}`).join('\n');
  return [
    `${title}  (${s.file})`,
    `  window ${(s.windowMs / 1000).toFixed(1)} s sampled, idle ${s.idlePct.toFixed(0)}%, GC ${s.gcPct.toFixed(1)}% of busy time`,
    '  top self time (% of busy time):',
    rows(s.topSelf),
    '  self time by module:',
    rows(s.byModule),
    '  inclusive time, Switchyard functions:',
    rows(s.topInclusiveOurs),
  ].join('\n');
}
