/**
 * How the gate reads CHANGELOG.md (scripts/diff/changelog.ts): section headings, list items, inline
 * code as CommonMark reads it, and which sections may hold the entries of a version.
 */
import { describe, expect, it } from "vitest";
import { codeSpans, entries, headingTitle, listItems, section } from "../../scripts/diff/changelog.js";

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

describe("entries", () => {
  const text = "# Changelog\n\n## Unreleased\n\n- `A`\n\n## 0.2.0 - 2026-12-01\n\n- `B`\n- `C`\n\n## 0.1.0\n\n- `D`\n";
  const read = (version: string, released: string) => entries(text, version, released).map((entry) => [...entry.code]);

  it('"Unreleased" and the section of package.json\'s version, once it is bumped', () => {
    expect(read("0.2.0", "0.1.0")).toEqual([["B"], ["C"], ["A"]]);
    expect(read("0.3.0", "0.1.0")).toEqual([["A"]]);
  });

  it("the released version's own section is history, not an entry", () => {
    expect(read("0.1.0", "0.1.0")).toEqual([["A"]]);
    expect(read("0.2.0", "0.2.0")).toEqual([["A"]]);
  });
});
