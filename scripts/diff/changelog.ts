/**
 * Where a breaking change is named: CHANGELOG.md's section for package.json's version or its
 * "Unreleased" section, one list item each. An entry names a change when it holds, as inline code,
 * the operationId, the rule ID and the subject, each exactly: `ShowJob` is not named by `ShowJobDetail`.
 */
export interface Entry {
  /** The contents of its inline code spans. */
  code: Set<string>;
}

/** `## [0.2.0] - 2026-12-01`, `## v0.2.0` → `0.2.0`; `## Unreleased`, `## [Unreleased]` → `Unreleased`; else undefined. */
export function headingTitle(line: string): string | undefined {
  const match = /^ {0,3}##[ \t]+\[?(v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)|unreleased)\]?(?:[ \t]+.*)?$/i.exec(line);
  if (!match) return undefined;
  return match[2] ?? "Unreleased";
}

/** The lines of CHANGELOG.md's level-2 section titled `title` (a version, or `Unreleased`), or undefined. Headings inside code fences do not count. */
export function section(changelog: string, title: string): string | undefined {
  const lines = changelog.split(/\r?\n/);
  let fence: string | undefined;
  let start = -1;
  for (const [i, line] of lines.entries()) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence ? undefined : marker;
      continue;
    }
    if (fence || !/^ {0,3}##(?!#)/.test(line)) continue;
    if (start >= 0) return lines.slice(start, i).join("\n");
    if (headingTitle(line)?.toLowerCase() === title.toLowerCase()) start = i + 1;
  }
  return start >= 0 ? lines.slice(start).join("\n") : undefined;
}

/**
 * The top-level list items of a section (a marker in the first column), each with its continuation
 * lines and nested items: an item ends at the next one, at a heading, at a fenced block in the first
 * column, or at unindented text after a blank line.
 */
export function listItems(text: string): string[] {
  const items: string[][] = [];
  let open = false;
  let blank = false;
  let fence: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const empty = line.trim() === "";
    // A fenced block in the first column (an example, not an entry) ends the item it follows.
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence || marker) {
      if (!fence) fence = marker;
      else if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      open = false;
      continue;
    }
    if (/^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(line)) {
      items.push([line]);
      open = true;
    } else if (open && !empty && !/^[ \t]/.test(line) && (blank || /^#{1,6}(?:[ \t]|$)/.test(line))) {
      open = false;
    } else if (open) {
      items.at(-1)!.push(line);
    }
    blank = empty;
  }
  return items.map((lines) => lines.join("\n"));
}

/** The contents of the inline code spans in `text`, as CommonMark reads them. */
export function codeSpans(text: string): Set<string> {
  const spans = new Set<string>();
  let i = 0;
  while (i < text.length) {
    if (text[i] === "\\") {
      i += 2;
      continue;
    }
    if (text[i] !== "`") {
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === "`") n++;
    const fence = "`".repeat(n);
    let close = i + n;
    // The closing run is exactly as long as the opening one.
    for (;;) {
      close = text.indexOf(fence, close);
      if (close < 0 || text[close + n] !== "`") break;
      while (text[close] === "`") close++;
    }
    if (close < 0) {
      i += n;
      continue;
    }
    let content = text.slice(i + n, close).replace(/\r?\n/g, " ");
    if (content.length > 1 && content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "") content = content.slice(1, -1);
    spans.add(content);
    i = close + n;
  }
  return spans;
}

/** The entries that may name the breaking changes of `version`, package.json's (its section only when it is not the release's). */
export function entries(changelog: string, version: string, released: string): Entry[] {
  const list: Entry[] = [];
  for (const title of version === released ? ["Unreleased"] : [version, "Unreleased"]) {
    const text = section(changelog, title);
    if (text === undefined) continue;
    for (const item of listItems(text)) list.push({ code: codeSpans(item) });
  }
  return list;
}
