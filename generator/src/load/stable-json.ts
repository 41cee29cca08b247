/** JSON with two-space indentation and a trailing newline: the one format of every generated JSON file. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
