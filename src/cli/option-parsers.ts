import { InputError } from '../core/input-error.js';

/** Parses a number option; the error names the option. */
export function numberOption(name: string, min = -Infinity): (text: string) => number {
  return (text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value))
      throw new InputError(`option --${name}: "${text}" is not a number`);
    if (value < min) throw new InputError(`option --${name}: ${text} must be ≥ ${min}`);
    return value;
  };
}

/** Parses a number option that must be greater than zero. */
export function positiveNumberOption(name: string): (text: string) => number {
  const parse = numberOption(name);
  return (text: string) => {
    const value = parse(text);
    if (value <= 0) throw new InputError(`option --${name}: ${text} must be greater than 0`);
    return value;
  };
}

/** Parses a positive integer option. */
export function countOption(name: string): (text: string) => number {
  return (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1)
      throw new InputError(`option --${name}: "${text}" must be a positive integer`);
    return value;
  };
}

/** Collects repeated `--param k=v` options into a record. */
export function collectParam(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError(`option --param: expected key=value, got "${text}"`);
  const key = text.slice(0, eq).trim();
  if (key in previous) throw new InputError(`option --param: parameter '${key}' given twice`);
  return { ...previous, [key]: text.slice(eq + 1).trim() };
}

/** Collects a repeatable option into an array. */
export function collect(text: string, previous: string[] = []): string[] {
  return [...previous, text];
}

const UNITS: Record<string, number> = { s: 1e6, m: 60e6, h: 3_600e6, d: 86_400e6, w: 604_800e6 };

/** Parses a duration such as `30s`, `1m`, `4h`, `1d` into microseconds. */
export function durationOption(name: string): (text: string) => number {
  return (text: string) => {
    const match = /^(\d+)(s|m|h|d|w)$/.exec(text.trim());
    if (match === null)
      throw new InputError(`option --${name}: "${text}" is not a duration like 30s, 1m, 4h, 1d`);
    const us = Number(match[1]) * UNITS[match[2]];
    if (us <= 0) throw new InputError(`option --${name}: duration must be positive`);
    return us;
  };
}

/** Parses a TCP port: an integer from 0 (any free port) to 65535. */
export function portOption(name: string): (text: string) => number {
  return (text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > 65_535)
      throw new InputError(
        `option --${name}: "${text}" is not a port (an integer from 0 to 65535; 0: any free one)`,
      );
    return value;
  };
}
