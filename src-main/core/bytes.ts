// Byte sizes and CPU counts: docker's `--memory` / `--cpus` parsing and human-readable sizes.

import { ParseError } from './parse-error';

/** Powers of 1024 per unit prefix, as docker's RAMInBytes uses for every suffix. */
const BINARY_EXPONENT: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5 };
const SIZE_RE = /^(\d+(?:\.\d+)?) ?(?:([kmgtp])(?:i?b|i)?|b)?$/i;
const CPUS_RE = /^(\d*)(?:\.(\d*))?$/;
const NANO_DIGITS = 9;
const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/**
 * Parses a memory size like docker's RAMInBytes: "100" (bytes), "64k", "512m", "1.5g", "2t", "1p",
 * with an optional "b", "i" or "ib" after the unit and an optional space before it; case-insensitive.
 * Every unit is binary (k = 1024). Fractional bytes are truncated.
 * @returns bytes
 * @throws ParseError when the size is empty, negative, malformed or beyond 2^53 - 1.
 */
export function parseByteSize(input: string): number {
  const match = SIZE_RE.exec(input);
  if (match === null) {
    throw new ParseError(`invalid size "${input}": must be a number with an optional unit b, k, m, g, t or p`);
  }
  const [, number = '', prefix] = match;
  const exponent = prefix === undefined ? 0 : (BINARY_EXPONENT[prefix.toLowerCase()] ?? 0);
  const bytes = Math.trunc(Number(number) * 1024 ** exponent);
  if (!Number.isSafeInteger(bytes)) throw new ParseError(`invalid size "${input}": too large`);
  return bytes;
}

/**
 * Parses `--memory-swap`: memory plus swap as a size (see parseByteSize), or "-1" for unlimited swap.
 * @returns bytes, or -1
 * @throws ParseError as parseByteSize does.
 */
export function parseMemorySwap(input: string): number {
  return input.trim() === '-1' ? -1 : parseByteSize(input.trim());
}

/**
 * Parses `--cpus`: a decimal number of CPUs greater than 0 with at most 9 fractional digits.
 * @returns NanoCPUs (units of 1e-9 CPUs), e.g. "1.5" gives 1_500_000_000.
 * @throws ParseError when the value is malformed, not positive or too precise.
 */
export function parseCpus(input: string): number {
  const match = CPUS_RE.exec(input);
  const whole = match?.[1] ?? '';
  const fraction = (match?.[2] ?? '').replace(/0+$/, '');
  if (match === null || (whole === '' && (match[2] ?? '') === '')) {
    throw new ParseError(`invalid CPU count "${input}": must be a decimal number such as 1.5`);
  }
  if (fraction.length > NANO_DIGITS) {
    throw new ParseError(`invalid CPU count "${input}": at most ${NANO_DIGITS} digits after the point`);
  }
  const nanoCpus = Number(whole + fraction.padEnd(NANO_DIGITS, '0'));
  if (nanoCpus === 0) throw new ParseError(`invalid CPU count "${input}": must be greater than 0`);
  if (!Number.isSafeInteger(nanoCpus)) throw new ParseError(`invalid CPU count "${input}": too large`);
  return nanoCpus;
}

/**
 * Formats a byte count with one decimal and no trailing ".0": 0 → "0 B", 1500 → "1.5 kB",
 * 1_500_000 → "1.5 MB"; with `binary`, 1536 → "1.5 KiB". Negative counts keep their sign.
 * @param bytes a finite number of bytes
 */
export function formatBytes(bytes: number, options?: { binary?: boolean }): string {
  if (!Number.isFinite(bytes)) throw new RangeError(`cannot format ${bytes} bytes`);
  const base = options?.binary === true ? 1024 : 1000;
  const units = options?.binary === true ? BINARY_UNITS : DECIMAL_UNITS;
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit += 1;
  }
  let rounded = Math.round(value * 10) / 10;
  if (rounded >= base && unit < units.length - 1) {
    rounded = Math.round((value / base) * 10) / 10;
    unit += 1;
  }
  const sign = bytes < 0 && rounded > 0 ? '-' : '';
  return `${sign}${rounded} ${units[unit] ?? ''}`;
}
