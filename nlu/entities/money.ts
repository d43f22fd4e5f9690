import type { Money } from '../entity';
import { parseNumberWord } from '../italianNumberWords';
import type { TextContext } from '../textContext';
import { candidate, type Candidate } from './candidate';

const CURRENCY_AFTER = /^ ?(?:di )?(?:euro|eur|euri|euros|€)(?![\p{L}])/u;
const CURRENCY_BEFORE = /(?:(?<![a-z])(?:euro|eur)|€) ?$/;
const CENTS_ONLY = /^ ?(?:centesimi|cent)\b/;

const RANGE_JOIN = /^(?: a | e | o | ?- ?| ?\/ ?)$/;

function money(amount: number): Money {
  return { amount: Math.round(amount * 100) / 100, currency: 'EUR' };
}

/**
 * Amounts in euro, built on the numbers already found: "23,50 euro", "€ 87", "EUR 1.850,00".
 * The suite's currency model is not used: it reads "1.234,56" the English way and costs about
 * 19 ms a message (the target is 0.5 ms for everything).
 */
export function findMoney(ctx: TextContext, numbers: readonly Candidate[]): Candidate[] {
  const { folded } = ctx;
  if (!/euro|eur|€|cent/.test(folded)) return [];
  const out: Candidate[] = [];
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i];
    if (!n || typeof n.value !== 'number') continue;
    const tail = folded.slice(n.end, n.end + 30);
    const currencyAfter = CURRENCY_AFTER.exec(tail);
    const head = folded.slice(Math.max(0, n.start - 6), n.start);
    const currencyBefore = CURRENCY_BEFORE.exec(head);
    if (currencyAfter) {
      let end = n.end + currencyAfter[0].length;
      let amount = n.value;
      // "2 euro e 50 (centesimi)"
      const cents = /^ e (\d{1,2}|[a-z]+)(?: centesimi| cent)?\b/.exec(folded.slice(end, end + 30));
      const centsValue = cents?.[1]
        ? cents[1] === 'mezzo'
          ? 50
          : /^\d+$/.test(cents[1])
            ? Number(cents[1])
            : parseNumberWord(cents[1])
        : undefined;
      if (
        cents &&
        centsValue !== undefined &&
        centsValue < 100 &&
        Number.isInteger(centsValue) &&
        Number.isInteger(amount)
      ) {
        amount += centsValue / 100;
        end += cents[0].length;
      }
      out.push(candidate(ctx, 'money', n.start, end, money(amount)));
      // "da 10 a 20 euro", "tra 50 e 100 euro", "10-20 euro": the first bound is an amount too.
      const prev = numbers[i - 1];
      if (prev && typeof prev.value === 'number' && RANGE_JOIN.test(folded.slice(prev.end, n.start)))
        out.push(candidate(ctx, 'money', prev.start, prev.end, money(prev.value)));
    } else if (currencyBefore) {
      out.push(candidate(ctx, 'money', n.start - currencyBefore[0].length, n.end, money(n.value)));
    } else if (CENTS_ONLY.test(tail) && Number.isInteger(n.value) && n.value < 100) {
      const end = n.end + (CENTS_ONLY.exec(tail)?.[0].length ?? 0);
      out.push(candidate(ctx, 'money', n.start, end, money(n.value / 100)));
    }
  }
  return out;
}
