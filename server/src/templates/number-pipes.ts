import type { PipeDefinition } from './pipe-definition.js';
import { toNumber } from './to-number.js';

const MAX_DECIMALS = 15;

const finite = (result: number): number => {
  if (!Number.isFinite(result)) throw new Error('result is not a finite number');
  return result;
};

const arithmetic = (operate: (left: number, right: number) => number): PipeDefinition => ({
  args: ['number'],
  required: 1,
  apply: (value, [operand]) => finite(operate(toNumber(value), operand as number)),
});

/** Rounds half away from zero via decimal shifting, so 1.005 rounds to 1.01 as people expect. */
function round(value: number, decimals: number): number {
  if (String(value).includes('e')) {
    const factor = 10 ** decimals;
    return Math.round(value * factor) / factor;
  }
  const magnitude = Math.abs(value);
  const shifted = Math.round(Number(`${magnitude}e${decimals}`));
  return Math.sign(value) * Number(`${shifted}e${-decimals}`);
}

/** Numeric pipes; they accept numbers and numeric strings such as "1,234.5". */
export const numberPipes: Record<string, PipeDefinition> = {
  number: { args: [], required: 0, apply: (value) => toNumber(value) },
  abs: { args: [], required: 0, apply: (value) => Math.abs(toNumber(value)) },
  round: {
    args: ['integer'],
    required: 0,
    apply: (value, [decimals = 0]) => {
      const places = decimals as number;
      if (Math.abs(places) > MAX_DECIMALS) {
        throw new Error(`decimals must be between -${MAX_DECIMALS} and ${MAX_DECIMALS}`);
      }
      return finite(round(toNumber(value), places) + 0);
    },
  },
  plus: arithmetic((left, right) => left + right),
  minus: arithmetic((left, right) => left - right),
  times: arithmetic((left, right) => left * right),
  divided_by: arithmetic((left, right) => {
    if (right === 0) throw new Error('division by zero');
    return left / right;
  }),
};
