import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  /** Share of the sampled time, percent. */
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of the profile the process spent idle (waiting on I/O or for CPU), percent. */
  idlePercent: number;
  /** Self time by package (node_modules/<pkg>), our source folder, node internals, GC, idle. */
  byArea: ProfileShare[];
  /** Self time by function. */
  byFunction: ProfileShare[];
  /** Inclusive time of frames whose function or file matches one of the given probes. */
  inclusive: ProfileShare[];
}

function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return 'node:' + (url.slice(5).split('/')[0] ?? '');
  const ours = /\/dist\/([^/]+)\//.exec(url);
  if (ours?.[1]) return `ours:${ours[1]}`;
  return url;
}

function top(map: Map<string, number>, total: number, n: number): ProfileShare[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => ({ name, percent: Math.round((ms / total) * 1000) / 10 }));
}

/** Self and inclusive time of a V8 .cpuprofile (node --cpu-prof), grouped for a README table. */
export function summarizeProfile(file: string, probes: readonly string[] = [], n = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  let total = 0;
  let idle = 0;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') idle += ms;
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + ms);
    const fn = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    // Inclusive: count each probe once per sample stack.
    const hit = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (!frame) break;
      for (const probe of probes) if (`${frame.functionName} ${frame.url}`.includes(probe)) hit.add(probe);
    }
    for (const probe of hit) inclusive.set(probe, (inclusive.get(probe) ?? 0) + ms);
  }
  const busy = Math.max(1, total - idle);
  areas.delete('(idle)');
  for (const key of functions.keys()) if (key.startsWith('(idle)')) functions.delete(key);
  return {
    totalMs: Math.round(total),
    idlePercent: Math.round((idle / Math.max(1, total)) * 1000) / 10,
    byArea: top(areas, busy, n),
    byFunction: top(functions, busy, n),
    inclusive: top(inclusive, busy, probes.length),
  };
}

if (require.main === module) {
  const [file, ...probes] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/profileSummary.js <file.cpuprofile> [probe...]\n');
    process.exit(2);
  }
  const summary = summarizeProfile(file, probes);
  process.stdout.write(
    `profile ${summary.totalMs} ms, idle ${summary.idlePercent}%; shares below are percent of busy time\n`,
  );
  process.stdout.write('\nself time by area:\n');
  for (const s of summary.byArea) process.stdout.write(`  ${s.percent.toFixed(1).padStart(5)}%  ${s.name}\n`);
  process.stdout.write('\nself time by function:\n');
  for (const s of summary.byFunction)
    process.stdout.write(`  ${s.percent.toFixed(1).padStart(5)}%  ${s.name}\n`);
  if (summary.inclusive.length > 0) {
    process.stdout.write('\ninclusive time of probes:\n');
    for (const s of summary.inclusive)
      process.stdout.write(`  ${s.percent.toFixed(1).padStart(5)}%  ${s.name}\n`);
  }
}
