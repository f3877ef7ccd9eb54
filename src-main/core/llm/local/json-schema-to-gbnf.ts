/**
 * Converts a JSON Schema (what z.toJSONSchema emits, and what tools declare as `parameters`) into
 * the subset node-llama-cpp turns into a GBNF grammar. The grammar only has to guarantee the
 * SHAPE; constraints it cannot express (patterns, numeric bounds, formats other than dates) are
 * dropped here and still enforced afterwards by zod, with one repair attempt.
 */
import type { GbnfJsonSchema } from 'node-llama-cpp';

type Json = Record<string, unknown>;

/** Any JSON value: used for `{}`/`true` schemas (z.unknown(), z.any()). */
const ANY_VALUE: Json = {
  oneOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array' }, { type: 'object', additionalProperties: true }],
};

/** Small integer ranges become an enum: a tiny model then cannot produce an out-of-range number. */
const MAX_INTEGER_ENUM = 64;

const GRAMMAR_FORMATS = new Set(['date-time', 'date', 'time']);
const IMMUTABLE_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withDescription(out: Json, src: Json): Json {
  if (typeof src.description === 'string' && src.description.length > 0) out.description = src.description;
  return out;
}

function integerRange(src: Json): number[] | null {
  let min = typeof src.minimum === 'number' ? Math.ceil(src.minimum) : null;
  let max = typeof src.maximum === 'number' ? Math.floor(src.maximum) : null;
  if (typeof src.exclusiveMinimum === 'number') min = Math.floor(src.exclusiveMinimum) + 1;
  if (typeof src.exclusiveMaximum === 'number') max = Math.ceil(src.exclusiveMaximum) - 1;
  if (min === null || max === null || max < min || max - min >= MAX_INTEGER_ENUM) return null;
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** zod writes a self-reference as "#"; node-llama-cpp only follows "#/$defs/<name>". */
const ROOT_DEF = 'root';

function convertRef(ref: string): string {
  if (ref === '#') return `#/$defs/${ROOT_DEF}`;
  return ref.replace(/^#\/definitions\//, '#/$defs/');
}

function hasRootRef(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(hasRootRef);
  if (!isObject(schema)) return false;
  if (schema.$ref === '#') return true;
  return Object.values(schema).some(hasRootRef);
}

function convertForType(type: string, src: Json): Json {
  switch (type) {
    case 'string': {
      const out: Json = { type: 'string' };
      if (typeof src.format === 'string' && GRAMMAR_FORMATS.has(src.format)) out.format = src.format;
      else {
        if (typeof src.minLength === 'number') out.minLength = src.minLength;
        if (typeof src.maxLength === 'number') out.maxLength = src.maxLength;
      }
      return out;
    }
    case 'integer': {
      const range = integerRange(src);
      return range ? { enum: range } : { type: 'integer' };
    }
    case 'number':
    case 'boolean':
    case 'null':
      return { type };
    case 'array': {
      const out: Json = { type: 'array' };
      if (Array.isArray(src.prefixItems)) out.prefixItems = src.prefixItems.map(convert);
      if (Array.isArray(src.items)) out.prefixItems = src.items.map(convert);
      else if (src.items !== undefined && src.items !== true) out.items = convert(src.items);
      if (typeof src.minItems === 'number') out.minItems = src.minItems;
      if (typeof src.maxItems === 'number') out.maxItems = src.maxItems;
      return out;
    }
    case 'object': {
      const out: Json = { type: 'object' };
      const props = isObject(src.properties) ? src.properties : null;
      if (props) {
        out.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, convert(v)]));
        if (Array.isArray(src.required)) out.required = src.required.filter((k) => typeof k === 'string' && k in props);
      }
      // Extra keys are noise for a grammar-bound model (zod strips them anyway), so they are only
      // allowed when the schema has no fixed keys at all (records, free-form objects).
      if (isObject(src.additionalProperties)) out.additionalProperties = convert(src.additionalProperties);
      else out.additionalProperties = props ? false : src.additionalProperties !== false;
      if (typeof src.minProperties === 'number') out.minProperties = src.minProperties;
      if (typeof src.maxProperties === 'number') out.maxProperties = src.maxProperties;
      return out;
    }
    default:
      return { ...ANY_VALUE };
  }
}

function mergeAllOf(parts: unknown[]): Json {
  const objects = parts.filter(isObject);
  if (objects.length > 0 && objects.every((p) => p.type === 'object' || isObject(p.properties))) {
    const properties: Json = {};
    const required: string[] = [];
    for (const p of objects) {
      if (isObject(p.properties)) Object.assign(properties, p.properties);
      if (Array.isArray(p.required)) required.push(...p.required.filter((k): k is string => typeof k === 'string'));
    }
    return { type: 'object', properties, required: [...new Set(required)], additionalProperties: false };
  }
  return objects[0] ?? {};
}

function convert(schema: unknown): Json {
  if (schema === true || schema === undefined) return { ...ANY_VALUE };
  if (!isObject(schema)) return { ...ANY_VALUE };
  const src = schema;
  let out: Json;

  if (typeof src.$ref === 'string') out = { $ref: convertRef(src.$ref) };
  else if ('const' in src) out = { const: src.const as string | number | boolean | null };
  else if (Array.isArray(src.enum)) out = { enum: src.enum };
  else if (Array.isArray(src.anyOf) || Array.isArray(src.oneOf)) {
    const options = ((src.anyOf ?? src.oneOf) as unknown[]).map(convert);
    out = options.length === 1 ? (options[0] ?? { ...ANY_VALUE }) : { oneOf: options };
  } else if (Array.isArray(src.allOf)) out = convert(mergeAllOf(src.allOf));
  else if (Array.isArray(src.type)) {
    const types = src.type.filter((t): t is string => typeof t === 'string');
    out = types.every((t) => IMMUTABLE_TYPES.has(t) && t !== 'integer' && t !== 'string')
      ? { type: types }
      : { oneOf: types.map((t) => convertForType(t, src)) };
  } else if (typeof src.type === 'string') out = convertForType(src.type, src);
  else if (isObject(src.properties)) out = convertForType('object', src);
  else out = { ...ANY_VALUE };

  const defs = isObject(src.$defs) ? src.$defs : isObject(src.definitions) ? src.definitions : null;
  if (defs) out.$defs = Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, convert(v)]));
  return withDescription(out, src);
}

export function jsonSchemaToGbnfSchema(schema: unknown): GbnfJsonSchema {
  const out = convert(schema);
  if (hasRootRef(schema)) {
    // Recursive root: move it under $defs so "#" can be referenced by name.
    const { $defs, ...root } = out;
    return { $ref: `#/$defs/${ROOT_DEF}`, $defs: { ...(isObject($defs) ? $defs : {}), [ROOT_DEF]: root } } as unknown as GbnfJsonSchema;
  }
  return out as unknown as GbnfJsonSchema;
}
