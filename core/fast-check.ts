// A compiled yes/no check derived from a zod schema, for hot boundaries (a first sync validates
// over a million pulled rows; zod builds a fresh copy of each, several times slower). The
// contract: when the check says yes, zod would accept the value and return an equal copy of it
// (no stripped keys, nothing coerced), so the value can be used as it is. When it says no, the
// caller runs zod for that value, which either rejects it with its usual message or returns
// its cleaned copy. Only the zod features the sync schemas use are compiled (optional fields
// included: absent, or present and valid); anything else
// throws at compile time, so a schema change cannot silently weaken the check.
import type { z } from 'zod';

export type Check<T> = (value: unknown) => value is T;
type Fn = (value: unknown) => boolean;

/** The zod v4 definition fields this compiler reads. */
interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, Schema>;
  catchall?: Schema;
  innerType?: Schema;
  element?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  options?: Schema[];
  values?: unknown[];
  entries?: Record<string, unknown>;
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number | bigint;
  inclusive?: boolean;
}
interface Schema {
  _zod: { def: Def };
}

/** String formats that are exactly their pattern in zod v4. */
const PATTERN_FORMATS = new Set(['uuid', 'email', 'datetime', 'regex']);

const isRecordLike = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function lengthChecks(checks: CheckDef[], what: string): ((n: number) => boolean)[] {
  return checks.map((c) => {
    if (c.check === 'min_length' && c.minimum !== undefined) return (n: number) => n >= (c.minimum as number);
    if (c.check === 'max_length' && c.maximum !== undefined) return (n: number) => n <= (c.maximum as number);
    if (c.check === 'length_equals' && c.length !== undefined) return (n: number) => n === c.length;
    throw new Error(`fast-check: unsupported ${what} check ${c.check}`);
  });
}

function compileString(checks: CheckDef[]): Fn {
  const patterns: RegExp[] = [];
  const lengths = lengthChecks(
    checks.filter((c) => {
      if (c.check !== 'string_format') return true;
      if (!c.format || !PATTERN_FORMATS.has(c.format) || !c.pattern || c.pattern.global || c.pattern.sticky) {
        throw new Error(`fast-check: unsupported string format ${String(c.format)}`);
      }
      patterns.push(c.pattern);
      return false;
    }),
    'string',
  );
  return (v) => {
    if (typeof v !== 'string') return false;
    for (const ok of lengths) if (!ok(v.length)) return false;
    for (const p of patterns) if (!p.test(v)) return false;
    return true;
  };
}

function compileNumber(checks: CheckDef[]): Fn {
  const parts: ((n: number) => boolean)[] = checks.map((c) => {
    if (c.check === 'number_format' && c.format === 'safeint') return (n: number) => Number.isSafeInteger(n);
    if ((c.check === 'greater_than' || c.check === 'less_than') && typeof c.value === 'number') {
      const bound = c.value;
      if (c.check === 'greater_than') return c.inclusive ? (n: number) => n >= bound : (n: number) => n > bound;
      return c.inclusive ? (n: number) => n <= bound : (n: number) => n < bound;
    }
    throw new Error(`fast-check: unsupported number check ${c.check}${c.format ? `:${c.format}` : ''}`);
  });
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    for (const ok of parts) if (!ok(v)) return false;
    return true;
  };
}

/** The values a field must take in every value of `schema` (literal or enum), or null. */
function literalValues(schema: Schema, key: string): Set<unknown> | null {
  const def = schema._zod.def;
  if (def.type === 'object') {
    const field = def.shape?.[key]?._zod.def;
    if (field?.type === 'literal' && field.values) return new Set(field.values);
    if (field?.type === 'enum' && field.entries) return new Set(Object.values(field.entries));
    return null;
  }
  if (def.type === 'union' && def.options) {
    const all = new Set<unknown>();
    for (const o of def.options) {
      const vs = literalValues(o, key);
      if (!vs) return null;
      for (const v of vs) all.add(v);
    }
    return all;
  }
  return null;
}

/**
 * A union becomes a dispatch on a key whose literal values tell the options apart (zod's
 * discriminator, or any such key): zod can accept a value only under the option its key names.
 */
function compileUnion(options: Schema[]): Fn {
  const keysOf = (o: Schema): string[] => (o._zod.def.type === 'union' ? (o._zod.def.options ?? []).flatMap(keysOf) : Object.keys(o._zod.def.shape ?? {}));
  const candidates = [...new Set(options.flatMap(keysOf))];
  for (const key of candidates) {
    const sets = options.map((o) => literalValues(o, key));
    if (sets.some((s) => s === null)) continue;
    const total = sets.reduce((n, s) => n + (s?.size ?? 0), 0);
    if (new Set(sets.flatMap((s) => [...(s ?? [])])).size !== total) continue; // overlapping values

    const byValue = new Map<unknown, Fn>();
    options.forEach((o, i) => {
      const fn = compile(o);
      for (const v of sets[i] ?? []) byValue.set(v, fn);
    });
    return (v) => {
      if (!isRecordLike(v)) return false;
      const fn = byValue.get(v[key]);
      return fn !== undefined && fn(v);
    };
  }
  throw new Error('fast-check: a union needs a key with distinct literal values per option');
}

function compile(schema: Schema): Fn {
  const def = schema._zod.def;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  switch (def.type) {
    case 'string':
      return compileString(checks);
    case 'number':
      return compileNumber(checks);
    case 'boolean':
      if (checks.length) break;
      return (v) => typeof v === 'boolean';
    case 'literal': {
      const values = new Set(def.values);
      return (v) => values.has(v);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (v) => values.has(v);
    }
    case 'nullable': {
      if (!def.innerType) break;
      const inner = compile(def.innerType);
      return (v) => v === null || inner(v);
    }
    case 'array': {
      if (!def.element) break;
      const element = compile(def.element);
      const lengths = lengthChecks(checks, 'array');
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (const ok of lengths) if (!ok(v.length)) return false;
        for (const x of v) if (!element(x)) return false;
        return true;
      };
    }
    case 'record': {
      if (!def.keyType || !def.valueType || checks.length || def.keyType._zod.def.type !== 'string') break;
      const key = compile(def.keyType);
      const value = compile(def.valueType);
      return (v) => {
        if (!isRecordLike(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
        // '__proto__' as an own key (JSON.parse makes one) would not survive zod's copy.
        for (const k in v) if (k === '__proto__' || !key(k) || !value(v[k])) return false;
        return true;
      };
    }
    case 'object': {
      if (!def.shape || def.catchall || checks.length) break;
      const fields = Object.entries(def.shape).map(([k, s]) => {
        const d = s._zod.def;
        const optional = d.type === 'optional';
        if (optional && (!d.innerType || d.checks?.length)) throw new Error(`fast-check: unsupported optional field ${k}`);
        return [k, compile(optional && d.innerType ? d.innerType : s), optional] as const;
      });
      return (v) => {
        if (!isRecordLike(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
        let present = 0;
        for (const [k, ok, optional] of fields) {
          if (!Object.hasOwn(v, k)) {
            if (!optional) return false;
            continue;
          }
          const x = v[k];
          // An own key holding undefined (not from JSON): zod decides what its copy keeps.
          if (x === undefined || !ok(x)) return false;
          present++;
        }
        // Exactly the shape's keys: zod would strip any other, and the value must equal its copy.
        let own = 0;
        for (const k in v) if (Object.hasOwn(v, k)) own++;
        return own === present;
      };
    }
    case 'union':
      if (!def.options?.length) break;
      return compileUnion(def.options);
  }
  throw new Error(`fast-check: unsupported schema ${def.type}`);
}

export function compileCheck<S extends z.ZodType>(schema: S): Check<z.output<S>> {
  const fn = compile(schema as unknown as Schema);
  return (value: unknown): value is z.output<S> => fn(value);
}
