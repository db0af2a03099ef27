import { z } from 'zod';
import { BotConfigSchema } from '../../../src-shared/config-schema';

// The page's CSP has no 'unsafe-eval': keep zod from probing new Function() (a console error).
z.config({ jitless: true });

/** The part of JSON Schema the form reads. */
export interface SchemaNode {
  type?: string;
  enum?: readonly (string | number)[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
  default?: unknown;
}

/** The configuration schema as JSON Schema (input side: defaults are optional), made once. */
export const CONFIG_JSON_SCHEMA = z.toJSONSchema(BotConfigSchema, {
  io: 'input',
  unrepresentable: 'any',
}) as SchemaNode;

/** How a config value is edited, read off its schema. */
export type FieldKind =
  | 'number'
  | 'integer'
  | 'toggle'
  | 'choice'
  | 'time'
  | 'text'
  | 'fixed'
  | 'tickers'
  | 'dates'
  | 'choices'
  | 'ema-pair'
  | 'sector-map'
  | 'group';

const isRecordNode = (n: SchemaNode) => typeof n.additionalProperties === 'object' && !n.properties;
const isEmaPair = (n: SchemaNode) =>
  n.properties !== undefined && Object.keys(n.properties).sort().join() === 'long,short';

export function kindOf(node: SchemaNode): FieldKind {
  if (node.const !== undefined) return 'fixed';
  if (node.enum) return 'choice';
  switch (node.type) {
    case 'boolean':
      return 'toggle';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'string':
      return node.pattern?.includes(':[0-5]') ? 'time' : 'text';
    case 'array':
      if (node.items?.enum) return 'choices';
      return node.items?.format === 'date' ? 'dates' : 'tickers';
    case 'object':
      if (isRecordNode(node)) return 'sector-map';
      return isEmaPair(node) ? 'ema-pair' : 'group';
    default:
      return 'text';
  }
}

/** The schema node at a dotted path of the config ("risk.maxOpenPositions"); throws on a wrong path. */
export function schemaAt(path: string): SchemaNode {
  let node: SchemaNode | undefined = CONFIG_JSON_SCHEMA;
  for (const key of path.split('.')) node = node?.properties?.[key];
  if (!node) throw new Error(`no such config setting: ${path}`);
  return node;
}

/** Every editable value's path: objects are walked, anything else (lists, maps, EMA pairs) is one value. */
export function schemaLeafPaths(node: SchemaNode = CONFIG_JSON_SCHEMA, prefix = ''): string[] {
  if (kindOf(node) !== 'group' || !node.properties) return [prefix];
  return Object.entries(node.properties).flatMap(([key, child]) =>
    schemaLeafPaths(child, prefix ? `${prefix}.${key}` : key),
  );
}

/** The list item pattern of a ticker list or map ("^[A-Z][A-Z0-9.]{0,9}$"), as a RegExp. */
export function itemPattern(node: SchemaNode): RegExp | null {
  const source = node.items?.pattern ?? node.propertyNames?.pattern;
  return source ? new RegExp(source) : null;
}
