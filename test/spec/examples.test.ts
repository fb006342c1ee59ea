import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collectExamples, exampleErrors } from "./example-errors.js";

const generated = new URL("../../generated/", import.meta.url);
const bundles = readdirSync(generated).filter((f) => f.endsWith(".json"));
const load = (url: URL) => JSON.parse(readFileSync(url, "utf8"));

describe("every example in every bundle validates against its schema (ajv, JSON Schema 2020-12)", () => {
  it("finds the bundles", () => {
    expect(bundles.sort()).toEqual(["cse.openapi.json", "openapi.json", "servicestage.openapi.json", "workspace.openapi.json"]);
  });

  it.each(bundles)("%s", (file) => {
    const doc = load(new URL(file, generated));
    const cases = collectExamples(doc);
    // Every operation's request body and every response has at least one example.
    expect(cases.length).toBeGreaterThan(20);
    expect(exampleErrors(doc, file)).toEqual([]);
  });
});

describe("the example validator rejects a broken example, naming the example and the field", () => {
  it("bad-example.json", () => {
    const doc = load(new URL("./fixtures/bad-example.json", import.meta.url));
    const errors = exampleErrors(doc, "bad-example.json");
    expect(errors).toContainEqual(expect.stringMatching(/RetryEngine 200 response application\/json example "Started": \/jobId must be integer/));
    expect(errors).toContainEqual(expect.stringMatching(/RetryEngine request application\/json example "Retry": \/action must be equal to one of the allowed values/));
    expect(errors).toContainEqual(expect.stringMatching(/RetryEngine parameter project_id example: \(root\) must NOT have more than 64 characters/));
  });
});
