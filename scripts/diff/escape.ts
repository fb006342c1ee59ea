/**
 * Text from the spec (names, paths, values) as the reports print it: a spec under review is outside
 * input. Control characters (terminal escapes, line breaks inside a name), bidirectional overrides,
 * invisible characters and lone surrogates are shown as `\u{...}`; long text is cut. In Markdown,
 * text is escaped so that it cannot become a link, a mention, HTML or formatting.
 */

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with every character that could change how it is displayed written as an escape. */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** `text` cut to `max` characters (after escaping), marked with an ellipsis. */
export function cut(text: string, max = 200): string {
  const shown = visible(text);
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/** Markdown that shows `text` literally: every ASCII punctuation character backslash-escaped. */
export function markdownText(text: string, max = 400): string {
  return cut(text, max).replace(/[!-/:-@[-`{-~]/g, "\\$&");
}

/** `text` as a Markdown code span, fenced with more backticks than it holds. */
export function markdownCode(text: string, max = 200): string {
  const shown = cut(text, max) || "(none)";
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  // CommonMark strips one space from each end when both ends have one (unless it is all spaces): pad to keep them.
  const pad = shown.startsWith("`") || shown.endsWith("`") || (shown.startsWith(" ") && shown.endsWith(" ") && shown.trim() !== "") ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}
