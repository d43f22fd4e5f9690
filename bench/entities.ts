import * as os from 'os';
import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import { recognizeEntities } from '../nlu/recognizeEntities';
import { maskPersonalData } from '../nlu/piiMask';
import type { BenchRow } from './benchRow';

const NAMES = [
  'Andrea Spreafico',
  'Laura Tentori',
  'Sara Magni',
  'Giovanni Rivolta',
  'Marta Airoldi',
  'Paolo Crippa',
];
const COMUNI = [
  'Valmadrera',
  'mandello',
  'Olgiate Molgora',
  'Casatenovo',
  'Lecco',
  'Bellano',
  'Merate',
  'lierna',
];
const WHEN = [
  'domani alle 10 e mezza',
  'giovedì prossimo alle 9',
  'il 18/02/2026 alle 16:15',
  'tra due settimane',
  'il 22 dicembre alle 8',
  'dopodomani dalle 9 alle 13',
];
const AMOUNTS = ['75,00 €', 'mille e duecento euro', '87 euro', 'EUR 1.850,00', 'ventitré euro', '€ 23,50'];
const IDS = [
  'CF SPRNDR93T12E507U',
  'P.IVA 02288170976',
  'IBAN IT24V0200851190000105566778',
  'cf rldmtn98s65e507d',
  'targa GX 345 NR',
  'CAP 23887',
];
const CONTACTS = [
  'a.spreafico@gmail.com o al 328 4567890',
  'lo 0341 368945',
  'info@airoldi.it',
  '+39 347 1122334',
  '039/9511234',
];
const OPENINGS = ['Buongiorno,', 'Sì, certo:', 'Salve,', 'No grazie, però', 'Va bene,'];

/** Messages of about 200 characters mixing every entity type, all different from each other. */
function benchMessages(count: number): string[] {
  let seed = 7;
  const pick = <T>(list: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return list[seed % list.length] as T;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      `${pick(OPENINGS)} sono ${pick(NAMES)} di ${pick(COMUNI)}, ${pick(IDS)}: posso venire ${pick(WHEN)} a pagare ${pick(AMOUNTS)} per la pratica ${100 + i}? Scrivete a ${pick(CONTACTS)}. Grazie mille, buona giornata.`,
    );
  }
  return out;
}

export const BENCH_MESSAGES: readonly string[] = benchMessages(200);

const ITERATIONS = 2000;
const SUITE_ITERATIONS = 60;
const REFERENCE = new Date('2026-11-26T09:00:00Z');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

type Clock = 'wall' | 'cpu';

/** Wall time, or CPU time of this process (user + system): the latter leaves out the time spent preempted. */
function now(clock: Clock): number {
  if (clock === 'wall') return Number(process.hrtime.bigint()) / 1e6;
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function measure(
  name: string,
  iterations: number,
  run: (text: string) => unknown,
  notes: string,
  clock: Clock = 'wall',
): BenchRow {
  for (let i = 0; i < 50; i++) run(BENCH_MESSAGES[i % BENCH_MESSAGES.length] ?? '');
  const times: number[] = [];
  let errors = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const text = BENCH_MESSAGES[i % BENCH_MESSAGES.length] ?? '';
    const t0 = now(clock);
    try {
      run(text);
    } catch {
      errors++;
    }
    times.push(now(clock) - t0);
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  times.sort((a, b) => a - b);
  return {
    name,
    throughput: Math.round((iterations / totalMs) * 1000),
    p50Ms: Number(percentile(times, 0.5).toFixed(3)),
    p99Ms: Number(percentile(times, 0.99).toFixed(3)),
    errors,
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
    // p99 on a shared machine mostly measures the other processes: say how busy it was.
    notes: `${notes}; load avg ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
  };
}

/** Italian entity recognizer on ~200-character messages, beside the suite's English date-time recognizer. */
export async function benchEntities(): Promise<BenchRow[]> {
  const avg = Math.round(BENCH_MESSAGES.reduce((n, m) => n + m.length, 0) / BENCH_MESSAGES.length);
  // Each message is seen ITERATIONS / 200 times: caches of single words help, whole messages are not cached.
  return [
    measure(
      'nlu. recognizeEntities (Italian, 13 types)',
      ITERATIONS,
      (t) => recognizeEntities(t, { referenceDate: REFERENCE }),
      `${avg}-char messages; target p50 < 0.5 ms, p99 < 2 ms`,
    ),
    measure(
      'nlu. recognizeEntities, CPU time per call',
      ITERATIONS,
      (t) => recognizeEntities(t, { referenceDate: REFERENCE }),
      'same calls; excludes time preempted by other processes',
      'cpu',
    ),
    measure(
      'nlu. suite recognizeDateTime (en-us, same text)',
      SUITE_ITERATIONS,
      (t) => recognizeDateTime(t, Culture.English, undefined, REFERENCE),
      'for comparison: English only, one type',
    ),
    measure(
      'nlu. maskPersonalData (log line)',
      ITERATIONS,
      maskPersonalData,
      'what the logger pays per string',
    ),
  ];
}

if (require.main === module) {
  benchEntities()
    .then((rows) => console.table(rows))
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
