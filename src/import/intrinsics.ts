/**
 * CloudFormation's intrinsic functions, resolved where the template alone
 * says what they give: `Ref` to a parameter (its `--parameter` value, else
 * its Default), `Fn::Sub`, `Fn::If` with the template's Conditions,
 * `Fn::FindInMap`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::Base64`,
 * `Fn::Length` and the condition functions. What only a deployed stack knows
 * (a resource's physical ID or attribute, `AWS::Region`, `Fn::ImportValue`,
 * `Fn::GetAZs`...) is an unresolved value with the reason, which the import
 * lists instead of guessing.
 *
 * Intrinsic functions reference:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import type { Json, JsonObject } from './template-source.js';

export type Resolution<T = Json> = { ok: true; value: T } | { ok: false; why: string };

/** What `Ref: AWS::NoValue` gives: the property (or list item) is left out. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
type Value = Json | typeof NO_VALUE;

const ok = <T>(value: T): Resolution<T> => ({ ok: true, value });
const no = (why: string): Resolution<never> => ({ ok: false, why });

/** Pseudo parameters that only a deployed stack knows. */
const DEPLOY_TIME = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::StackName', 'AWS::StackId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::NotificationARNs']);

/** The one key of an intrinsic function's mapping (`Ref`, `Fn::Sub`, `Condition`), or null for plain data. */
export function intrinsicName(value: Json): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  return keys[0] === 'Ref' || keys[0].startsWith('Fn::') ? keys[0] : null;
}

export class Intrinsics {
  private readonly parameters: JsonObject;
  private readonly mappings: JsonObject;
  private readonly conditions: JsonObject;
  private readonly resources: JsonObject;
  private readonly evaluating = new Set<string>();

  constructor(template: JsonObject, overrides: Readonly<Record<string, string>> = {}) {
    this.parameters = asObject(template.Parameters);
    this.mappings = asObject(template.Mappings);
    this.conditions = asObject(template.Conditions);
    this.resources = asObject(template.Resources);
    for (const name of Object.keys(overrides)) {
      if (!Object.hasOwn(this.parameters, name)) throw new UnknownParameterError(name, Object.keys(this.parameters));
    }
    this.overrides = overrides;
  }

  private readonly overrides: Readonly<Record<string, string>>;

  /** A value with every intrinsic in it resolved, or the first reason one cannot be. */
  resolve(value: Json): Resolution {
    const r = this.value(value);
    if (!r.ok) return r;
    return ok(r.value === NO_VALUE ? null : r.value);
  }

  /** Whether a named condition holds with the parameters' values. */
  condition(name: string): Resolution<boolean> {
    if (!Object.hasOwn(this.conditions, name)) return no(`no condition "${name}" in Conditions`);
    if (this.evaluating.has(name)) return no(`condition "${name}" refers to itself`);
    this.evaluating.add(name);
    try {
      return this.truth(this.conditions[name]);
    } finally {
      this.evaluating.delete(name);
    }
  }

  private value(value: Json): Resolution<Value> {
    const fn = intrinsicName(value);
    if (fn !== null) return this.call(fn, (value as JsonObject)[fn]);
    if (Array.isArray(value)) {
      const out: Json[] = [];
      for (const item of value) {
        const r = this.value(item);
        if (!r.ok) return r;
        if (r.value !== NO_VALUE) out.push(r.value);
      }
      return ok(out);
    }
    if (value !== null && typeof value === 'object') {
      const out: JsonObject = {};
      for (const [key, item] of Object.entries(value)) {
        const r = this.value(item);
        if (!r.ok) return r;
        if (r.value !== NO_VALUE) out[key] = r.value;
      }
      return ok(out);
    }
    return ok(value);
  }

  private call(fn: string, arg: Json): Resolution<Value> {
    switch (fn) {
      case 'Ref':
        return this.ref(arg);
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::If':
        return this.if(arg);
      case 'Fn::FindInMap':
        return this.findInMap(arg);
      case 'Fn::Join':
        return this.join(arg);
      case 'Fn::Select':
        return this.select(arg);
      case 'Fn::Split':
        return this.split(arg);
      case 'Fn::Base64': {
        const r = this.text(arg, 'Fn::Base64');
        return r.ok ? ok(Buffer.from(r.value, 'utf8').toString('base64')) : r;
      }
      case 'Fn::Length': {
        const r = this.value(arg);
        if (!r.ok) return r;
        return Array.isArray(r.value) ? ok(r.value.length) : no('Fn::Length takes a list');
      }
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or': {
        const r = this.truth({ [fn]: arg });
        return r.ok ? ok(r.value) : r;
      }
      case 'Fn::GetAtt': {
        const [resource, attribute] = Array.isArray(arg) ? arg : [];
        return no(`Fn::GetAtt ${String(resource)}.${String(attribute)} is known only once the stack is deployed`);
      }
      default:
        return no(`${fn} is known only once the stack is deployed`);
    }
  }

  private ref(name: Json): Resolution<Value> {
    if (typeof name !== 'string') return no('Ref takes a name');
    if (name === 'AWS::NoValue') return ok(NO_VALUE);
    if (DEPLOY_TIME.has(name)) return no(`Ref ${name} is known only once the stack is deployed`);
    if (Object.hasOwn(this.parameters, name)) {
      const p = asObject(this.parameters[name]);
      const given = Object.hasOwn(this.overrides, name) ? this.overrides[name] : p.Default;
      if (given === undefined) return no(`parameter ${name} has no Default (give it with --parameter ${name}=VALUE)`);
      const type = typeof p.Type === 'string' ? p.Type : '';
      if ((type === 'CommaDelimitedList' || type.startsWith('List<')) && typeof given === 'string') return ok(given.split(',').map((s) => s.trim()));
      return ok(given);
    }
    if (Object.hasOwn(this.resources, name)) return no(`Ref ${name} is the physical ID of a resource, known only once the stack is deployed`);
    return no(`Ref ${name}: no parameter or resource of that name`);
  }

  private sub(arg: Json): Resolution<Value> {
    const [template, vars] = Array.isArray(arg) ? [arg[0], asObject(arg[1])] : [arg, {} as JsonObject];
    if (typeof template !== 'string') return no('Fn::Sub takes a string');
    let out = '';
    let last = 0;
    for (const m of template.matchAll(/\$\{([^}]*)\}/g)) {
      out += template.slice(last, m.index);
      last = m.index + m[0].length;
      const name = m[1].trim();
      if (name.startsWith('!')) {
        out += `\${${name.slice(1)}}`;
        continue;
      }
      const r = Object.hasOwn(vars, name) ? this.value(vars[name]) : name.includes('.') ? no(`\${${name}} is a resource attribute, known only once the stack is deployed`) : this.ref(name);
      if (!r.ok) return r;
      if (r.value === NO_VALUE || (r.value !== null && typeof r.value === 'object')) return no(`\${${name}} is not a plain value`);
      out += String(r.value);
    }
    return ok(out + template.slice(last));
  }

  private if(arg: Json): Resolution<Value> {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return no('Fn::If takes [condition, value if true, value if false]');
    const c = this.condition(arg[0]);
    if (!c.ok) return c;
    return this.value(c.value ? arg[1] : arg[2]);
  }

  private findInMap(arg: Json): Resolution<Value> {
    if (!Array.isArray(arg) || arg.length < 3) return no('Fn::FindInMap takes [map, top-level key, second-level key]');
    const keys: string[] = [];
    for (const part of arg.slice(0, 3)) {
      const r = this.text(part, 'Fn::FindInMap');
      if (!r.ok) return r;
      keys.push(r.value);
    }
    const [map, top, second] = keys;
    const found = asObject(asObject(this.mappings[map])[top])[second];
    if (found !== undefined) return this.value(found);
    const fallback = arg[3] !== null && typeof arg[3] === 'object' && !Array.isArray(arg[3]) ? arg[3].DefaultValue : undefined;
    if (fallback !== undefined) return this.value(fallback);
    return no(`Fn::FindInMap: Mappings has no ${map}.${top}.${second}`);
  }

  private join(arg: Json): Resolution<Value> {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return no('Fn::Join takes [delimiter, list]');
    const list = this.value(arg[1]);
    if (!list.ok) return list;
    if (!Array.isArray(list.value)) return no('Fn::Join takes a list');
    if (list.value.some((v) => v !== null && typeof v === 'object')) return no('Fn::Join takes a list of plain values');
    return ok(list.value.map(String).join(arg[0]));
  }

  private select(arg: Json): Resolution<Value> {
    if (!Array.isArray(arg) || arg.length !== 2) return no('Fn::Select takes [index, list]');
    const index = this.value(arg[0]);
    if (!index.ok) return index;
    const list = this.value(arg[1]);
    if (!list.ok) return list;
    const i = Number(index.value);
    if (!Array.isArray(list.value) || !Number.isInteger(i) || i < 0 || i >= list.value.length) return no('Fn::Select: the index is not in the list');
    return ok(list.value[i]);
  }

  private split(arg: Json): Resolution<Value> {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return no('Fn::Split takes [delimiter, string]');
    const r = this.text(arg[1], 'Fn::Split');
    return r.ok ? ok(r.value.split(arg[0])) : r;
  }

  private text(value: Json, where: string): Resolution<string> {
    const r = this.value(value);
    if (!r.ok) return r;
    if (typeof r.value === 'string' || typeof r.value === 'number' || typeof r.value === 'boolean') return ok(String(r.value));
    return no(`${where} takes plain values`);
  }

  private truth(value: Json): Resolution<boolean> {
    const fn = intrinsicName(value) ?? (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && 'Condition' in value ? 'Condition' : null);
    const arg = fn === null ? undefined : (value as JsonObject)[fn];
    const all = (args: Json) => (Array.isArray(args) ? args.map((a) => this.truth(a)) : [no(`${fn} takes a list of conditions`)]);
    switch (fn) {
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg) : no('Condition takes a name');
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return no('Fn::Equals takes two values');
        const a = this.value(arg[0]);
        const b = this.value(arg[1]);
        if (!a.ok) return a;
        if (!b.ok) return b;
        return ok(JSON.stringify(scalarText(a.value)) === JSON.stringify(scalarText(b.value)));
      }
      case 'Fn::Not': {
        const [r] = all(arg as Json);
        return r.ok ? ok(!r.value) : r;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const rs = all(arg as Json);
        const bad = rs.find((r) => !r.ok);
        if (bad) return bad;
        const values = rs.map((r) => (r as { value: boolean }).value);
        return ok(fn === 'Fn::And' ? values.every(Boolean) : values.some(Boolean));
      }
      default: {
        const r = this.value(value);
        if (!r.ok) return r;
        if (typeof r.value === 'boolean') return ok(r.value);
        if (r.value === 'true' || r.value === 'false') return ok(r.value === 'true');
        return no('a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition');
      }
    }
  }
}

/** CloudFormation compares values as strings: `Fn::Equals [!Ref Count, 1]` holds for "1". */
function scalarText(value: Value): Json {
  if (value === NO_VALUE) return null;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** The logical IDs a value refers to (`Ref X`, `Fn::GetAtt [X, ...]`, `${X}` or `${X.Arn}` in `Fn::Sub`), in order, each once. */
export function referencesIn(value: Json): string[] {
  const found: string[] = [];
  const add = (id: string) => {
    if (!found.includes(id) && !id.startsWith('AWS::')) found.push(id);
  };
  const walk = (v: Json) => {
    const fn = intrinsicName(v);
    const arg = fn ? (v as JsonObject)[fn] : undefined;
    if (fn === 'Ref' && typeof arg === 'string') return add(arg);
    if (fn === 'Fn::GetAtt' && Array.isArray(arg) && typeof arg[0] === 'string') return add(arg[0]);
    if (fn === 'Fn::Sub') {
      const text = Array.isArray(arg) ? arg[0] : arg;
      if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) add(m[1].trim().split('.')[0]);
      if (Array.isArray(arg) && arg[1] !== undefined) walk(arg[1]);
      return;
    }
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
}

export class UnknownParameterError extends Error {
  override name = 'UnknownParameterError';
  constructor(
    readonly parameter: string,
    readonly known: string[],
  ) {
    super(`--parameter ${parameter}: the template has no parameter of that name`);
  }
}

export function asObject(value: Json | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
