import { unescapePointerToken } from '../load/json-pointer.js';
import type { Located } from './resolve.js';
import { FIELD, fieldName, type Flow, type RuleContext } from './rule-context.js';
import { compareSchemas } from './schema-rules.js';

/**
 * The field a pointer into a schema component names, independent of the operation that reached it:
 * `/components/schemas/ChatMessage/properties/reactions/items` → `ChatMessage.reactions[]`. A pointer at a
 * `required` list names the property through the last part of `field`. Undefined outside components.
 *
 * @example
 * ```ts
 * componentField('/components/schemas/Room/required', 'ocs.data.token'); // 'Room.token'
 * ```
 */
export function componentField(pointer: string, field: string): string | undefined {
  const match = /^\/components\/schemas\/([^/]+)(.*)$/.exec(pointer);
  if (!match) return undefined;
  let name = unescapePointerToken(match[1]);
  const tokens = match[2].split('/').slice(1);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === 'properties' && i + 1 < tokens.length) name += `.${unescapePointerToken(tokens[++i])}`;
    else if (token === 'items') name += '[]';
    else if (token === 'additionalProperties') name += '.*';
    else if ((token === 'allOf' || token === 'oneOf' || token === 'anyOf') && i + 1 < tokens.length) i++;
    else {
      if (token === 'required') {
        const leaf = field
          .split(/\.|\[\]/)
          .filter(Boolean)
          .pop();
        if (leaf) name += `.${leaf}`;
      }
      break;
    }
  }
  return name;
}

/**
 * Compare two schemas and add the findings to `ctx`, each message prefixed with where the schema sits
 * (`response 200 application/json`) and its field path starting at `rootField`; the summary of a finding
 * inside a component names the component's field instead (the same for every operation).
 */
export function addSchemaFindings(ctx: RuleContext, base: Located, head: Located, flow: Flow, scope: string, rootField = ''): void {
  for (const finding of compareSchemas(ctx, base, head, flow)) {
    const field =
      rootField === ''
        ? finding.field
        : finding.field === ''
          ? rootField
          : finding.field.startsWith('[')
            ? `${rootField}${finding.field}`
            : `${rootField}.${finding.field}`;
    const inComponent = componentField(finding.pointer, field);
    ctx.add({
      id: finding.id,
      severity: finding.severity,
      pointer: finding.pointer,
      side: finding.side,
      message: `${scope}: ${finding.text.split(FIELD).join(fieldName(field))}`,
      ...(inComponent ? { summary: `${flow} ${finding.text.split(FIELD).join(`\`${inComponent}\``)}` } : {}),
    });
  }
}
