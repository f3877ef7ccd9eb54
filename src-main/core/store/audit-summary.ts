/**
 * What a request's audit row keeps of its arguments: ids, flags, numbers and short settings
 * values, but never the user's content (message text, titles, memory values, imports). The
 * content lives in the rows it describes, so deleting those really deletes it; the audit row
 * still says who did what, when, to which ids.
 */
const CONTENT_KEYS = new Set(['text', 'title', 'query', 'name', 'answer', 'object', 'value', 'subject', 'content', 'data', 'note', 'description', 'summary', 'message', 'body', 'prompt', 'instructions', 'reason', 'fact']);

/** A string short and space-free enough to be an id, an enum value or a setting (never prose). */
const TOKEN_LIKE = /^[^\s]{1,64}$/;

export function summariseAuditArgs(value: unknown, key = '', depth = 0): unknown {
  if (depth > 12) return '‹nested›';
  if (typeof value === 'string') {
    if (!CONTENT_KEYS.has(key) && TOKEN_LIKE.test(value)) return value;
    return `‹${value.length} character${value.length === 1 ? '' : 's'}›`;
  }
  if (Array.isArray(value)) {
    if (value.length > 50) return `‹${value.length} items›`;
    return value.map((v) => summariseAuditArgs(v, key, depth + 1));
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = summariseAuditArgs(v, k, depth + 1);
    return out;
  }
  return value;
}
