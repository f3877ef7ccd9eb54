/**
 * Finds where a value sits in JSON text, so an import error can say "line 42, facts[3].object"
 * instead of only the path. The text is already known to be valid JSON; this only walks it.
 */

/** 1-based line of the value at `path` (or of its nearest existing parent when the key is missing). */
export function lineOfPath(text: string, path: readonly PropertyKey[]): number {
  return lineAt(text, offsetOfPath(text, path));
}

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** "facts[3].object" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(file)';
}

function offsetOfPath(text: string, path: readonly PropertyKey[]): number {
  let i = skipWs(text, 0);
  for (const key of path) {
    const start = i;
    if (typeof key === 'number') {
      if (text[i] !== '[') return start;
      i = skipWs(text, i + 1);
      for (let n = 0; n < key; n += 1) {
        if (text[i] === ']') return start;
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
      if (text[i] === ']') return start;
    } else {
      if (text[i] !== '{') return start;
      i = skipWs(text, i + 1);
      let found = false;
      while (text[i] === '"') {
        const keyEnd = skipString(text, i);
        const name = JSON.parse(text.slice(i, keyEnd)) as string;
        i = skipWs(text, keyEnd);
        i = skipWs(text, i + 1); // ':'
        if (name === String(key)) {
          found = true;
          break;
        }
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
      if (!found) return start;
    }
  }
  return i;
}

function skipWs(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i += 1;
  return i;
}

function skipString(text: string, i: number): number {
  i += 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i += 1;
  }
  return i;
}

function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i = skipString(text, i);
        continue;
      }
      if (ch === '{' || ch === '[') depth += 1;
      else if (ch === '}' || ch === ']') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      i += 1;
    }
    return i;
  }
  while (i < text.length && !/[\s,}\]]/.test(text[i]!)) i += 1;
  return i;
}
