/**
 * The source text of a top-level member of a JSON object. JSON.parse turns integers above 2^53
 * into the nearest double and offers no way to see the digits (a reviver's `context.source` needs
 * Node 21+; this package supports Node 20), so job IDs are read from the text, from the very member
 * JSON.parse used for the body. A scanner of one level is a few lines; a JSON library that keeps
 * number text would be the package's second runtime dependency, for this alone.
 */

const SPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * The text of the value of the last top-level member named `name` (JSON.parse keeps the last of
 * duplicates; names are compared after decoding escapes), or undefined when `json` is not an
 * object or has no such member. `json` must be valid JSON: parse it first.
 */
export function memberSource(json: string, name: string): string | undefined {
  let i = skipSpace(json, 0);
  if (json[i] !== '{') return undefined;
  let found: string | undefined;
  for (i = skipSpace(json, i + 1); json[i] === '"'; i = skipSpace(json, i + 1)) {
    const keyEnd = stringEnd(json, i);
    const key = JSON.parse(json.slice(i, keyEnd)) as string;
    const start = skipSpace(json, skipSpace(json, keyEnd) + 1); // past the ':'
    const end = valueEnd(json, start);
    if (key === name) found = json.slice(start, end);
    i = skipSpace(json, end);
    if (json[i] !== ',') break;
  }
  return found;
}

function skipSpace(json: string, i: number): number {
  while (SPACE.has(json[i]!)) i++;
  return i;
}

/** Index just past the string that starts (with its quote) at `i`. */
function stringEnd(json: string, i: number): number {
  for (i++; i < json.length && json[i] !== '"'; i++) if (json[i] === '\\') i++;
  return i + 1;
}

/** Index just past the value that starts at `i`: a string, an object or array (nested), or a scalar. */
function valueEnd(json: string, i: number): number {
  if (json[i] === '"') return stringEnd(json, i);
  if (json[i] !== '{' && json[i] !== '[') {
    while (i < json.length && !SPACE.has(json[i]!) && json[i] !== ',' && json[i] !== '}' && json[i] !== ']') i++;
    return i;
  }
  let depth = 0;
  do {
    const c = json[i];
    if (c === '"') i = stringEnd(json, i) - 1;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  } while (depth > 0 && i < json.length);
  return i;
}
