import type { Located } from './resolve.js';
import { FIELD, fieldName, type Flow, type RuleContext } from './rule-context.js';
import { compareSchemas } from './schema-rules.js';

/**
 * Compare two schemas and add the findings to `ctx`, each message prefixed with where the schema sits
 * (`response 200 application/json`) and its field path starting at `rootField`.
 */
export function addSchemaFindings(ctx: RuleContext, base: Located, head: Located, flow: Flow, scope: string, rootField = ''): void {
  for (const finding of compareSchemas(ctx, base, head, flow)) {
    const field = rootField === '' ? finding.field : finding.field === '' ? rootField : finding.field.startsWith('[') ? `${rootField}${finding.field}` : `${rootField}.${finding.field}`;
    ctx.add({ id: finding.id, severity: finding.severity, pointer: finding.pointer, side: finding.side, message: `${scope}: ${finding.text.split(FIELD).join(fieldName(field))}` });
  }
}
