/**
 * How the gate reads CHANGELOG.md and pending changesets (scripts/diff/changelog.ts): section
 * headings, list items, inline code as CommonMark reads it, and changesets' front matter, hostile
 * front matter included.
 */
import { describe, expect, it } from "vitest";
import { DiffInputError } from "../../scripts/diff/change.js";
import { codeSpans, headingTitle, listItems, parseChangeset, section } from "../../scripts/diff/changelog.js";

describe("headings", () => {
  it.each([
    ["## 0.2.0", "0.2.0"],
    ["## v0.2.0", "0.2.0"],
    ["## [0.2.0] - 2026-12-01", "0.2.0"],
    ["## 0.2.0-beta.1", "0.2.0-beta.1"],
    ["## Unreleased", "Unreleased"],
    ["## [unreleased]", "Unreleased"],
    ["##0.2.0", undefined],
    ["### 0.2.0", undefined],
    ["## 0.2.01x", undefined],
    ["## Version 0.2.0", undefined],
    ["    ## 0.2.0", undefined],
  ])("%j → %j", (line, title) => {
    expect(headingTitle(line)).toBe(title);
  });

  it("a section runs to the next level-2 heading; level-3 headings and fenced headings stay inside", () => {
    const text = "# Changelog\n\n## 0.2.0\n\n### Minor Changes\n\n- a\n\n```\n## 0.1.0\n```\n\n## 0.1.0\n\n- b\n";
    expect(section(text, "0.2.0")).toBe("\n### Minor Changes\n\n- a\n\n```\n## 0.1.0\n```\n");
    expect(section(text, "0.1.0")).toBe("\n- b\n");
    expect(section(text, "0.3.0")).toBeUndefined();
    expect(section(text.replace(/\n/g, "\r\n"), "0.1.0")).toBe("\n- b\n");
  });
});

describe("list items", () => {
  it("each top-level item with its continuation lines and nested items", () => {
    const text = "Intro `A`.\n\n- one `B`\n  more `C`\n  - nested `D`\n* two\n1. three\n\nParagraph `E`.\n- four\n### Heading `F`\n";
    expect(listItems(text)).toEqual(["- one `B`\n  more `C`\n  - nested `D`", "* two", "1. three\n", "- four"]);
  });

  it("a lazy continuation line belongs to the item; a fenced block ends it", () => {
    expect(listItems("- one\nlazy `X`\n")).toEqual(["- one\nlazy `X`\n"]);
    expect(listItems("- one\n```\n- not an item\n```\n- two")).toEqual(["- one", "- two"]);
  });
});

describe("inline code", () => {
  it.each([
    ["`ShowJob`", ["ShowJob"]],
    ["`` a`b ``", ["a`b"]],
    ["``ShowJob`", []],
    ["\\`ShowJob`", []],
    ["`a` and `b`", ["a", "b"]],
    ["` padded `", ["padded"]],
    ["`  `", ["  "]],
    ["`multi\nline`", ["multi line"]],
    ["```fence```", ["fence"]],
  ])("%j → %j", (text, spans) => {
    expect([...codeSpans(text)]).toEqual(spans);
  });

  it("reads a long run of backticks that never closes at once", () => {
    const text = "`".repeat(20_000) + "x".repeat(20_000);
    const start = performance.now();
    expect(codeSpans(text).size).toBe(0);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe("changesets", () => {
  const pkg = "huaweicloud-job-actions";

  it("reads the bump of our package and the summary", () => {
    expect(parseChangeset(`---\n"${pkg}": minor\n---\n\nSummary \`x\`.\n`, ".changeset/a.md", pkg)).toEqual({ file: ".changeset/a.md", bump: "minor", summary: "\nSummary `x`.\n" });
    expect(parseChangeset(`---\nother: major\n---\nText`, ".changeset/b.md", pkg).bump).toBe("none");
    expect(parseChangeset(`---\r\n'${pkg}': patch\r\n---\r\nText`, ".changeset/c.md", pkg).bump).toBe("patch");
  });

  it.each([
    ["no front matter", "Just text", /starts with a "---" front matter block/],
    ["not YAML", "---\n: : :\n  - [\n---\n", /front matter is not YAML/],
    ["not a mapping", "---\n- minor\n---\n", /must map package names/],
    ["an unknown bump", `---\n"huaweicloud-job-actions": huge\n---\n`, /has bump "huge"; expected major, minor, patch or none/],
    ["an object bump", `---\n"huaweicloud-job-actions": { a: 1 }\n---\n`, /has bump \{"a":1\}/],
  ])("rejects %s, naming the file", (_, text, message) => {
    expect(() => parseChangeset(text, ".changeset/bad.md", pkg)).toThrow(DiffInputError);
    expect(() => parseChangeset(text, ".changeset/bad.md", pkg)).toThrow(message);
    expect(() => parseChangeset(text, ".changeset/bad.md", pkg)).toThrow(/^\.changeset\/bad\.md: /);
  });

  it("a YAML alias bomb in the front matter is refused, not expanded", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join("\n");
    expect(() => parseChangeset(`---\n${bomb}\n---\n`, ".changeset/bomb.md", pkg)).toThrow(/front matter is not YAML/);
  });
});
