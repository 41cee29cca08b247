const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript property key: bare when it is an identifier, single-quoted otherwise. */
export function tsKey(key: string): string {
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/** A single-quoted TypeScript string literal. */
export function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/**
 * A plain JSON-like value as a formatted TypeScript literal (two-space indentation, single quotes,
 * trailing commas). Short arrays of scalars stay on one line. Keys keep their insertion order. Strings found in
 * `shared` are written as the identifier it maps them to (a constant declared once).
 */
export function tsLiteral(value: unknown, indent = '', shared?: ReadonlyMap<string, string>): string {
  const inner = `${indent}  `;
  if (value === null) return 'null';
  if (typeof value === 'string') return shared?.get(value) ?? tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      const flat = `[${value.map((v) => tsLiteral(v, '', shared)).join(', ')}]`;
      if (flat.length + indent.length < 100) return flat;
    }
    return `[\n${value.map((v) => `${inner}${tsLiteral(v, inner, shared)},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${tsKey(k)}: ${tsLiteral(v, inner, shared)},`).join('\n')}\n${indent}}`;
  }
  throw new Error(`cannot write ${typeof value} as a TypeScript literal`);
}
