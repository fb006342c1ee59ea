/**
 * The comparison (scripts/diff/compare.ts) beyond the corpus's one-rule fixtures: what must not be
 * reported (the same API written otherwise), the same change in several bundles, and documents made
 * to hurt it: recursive and looping `$ref`s, references out of the document, absurd nesting,
 * prototype-named properties, shapes that are not OpenAPI. Each bad input is a DiffInputError that
 * names the file and the place.
 */
import { describe, expect, it } from "vitest";
import { DiffInputError, type Change } from "../../scripts/diff/change.js";
import { compareBundles, compareDocuments } from "../../scripts/diff/compare.js";
import { OpenApiDocument } from "../../scripts/diff/document.js";
import { bundle } from "./corpus.js";

type Json = Record<string, any>;
const FILE = "generated/openapi.json";
const real = () => structuredClone(bundle(FILE)) as Json;
const doc = (value: unknown, file = FILE) => new OpenApiDocument(value, file);
const compare = (before: Json, after: Json) => compareDocuments(doc(before), doc(after));
const brief = (changes: Change[]) => changes.map((c) => `${c.level} ${c.id} ${c.operation} ${c.location}`);

/** A one-operation document whose 200 response is `schema`. */
function tiny(schema: unknown, components: Json = {}): Json {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { "/things": { get: { operationId: "ListThings", responses: { "200": { description: "ok", content: { "application/json": { schema } } } } } } },
    components: { schemas: components },
  };
}

describe("the same API written otherwise is no change", () => {
  it("our bundle against itself", () => {
    expect(compare(real(), real())).toEqual([]);
  });

  it("reordered parameters, properties, responses, security alternatives and servers; a header name's case", () => {
    const after = real();
    const list = after.paths["/v2/{project_id}/script-execution-tasks"].get;
    list.parameters.reverse();
    list.responses = Object.fromEntries(Object.entries(list.responses).reverse());
    list.security.reverse();
    const task = after.components.schemas.ScriptTask;
    task.properties = Object.fromEntries(Object.entries(task.properties).reverse());
    task.required.reverse();
    after.servers.reverse();
    const headers = list.responses["200"].headers;
    headers["x-request-id"] = headers["X-Request-Id"];
    delete headers["X-Request-Id"];
    expect(compare(real(), after)).toEqual([]);
  });

  it("a path parameter renamed is the same operation, with the parameter reported", () => {
    const after = real();
    const path = "/v2/{project_id}/workspace-jobs/{job_id}";
    const item = after.paths[path];
    delete after.paths[path];
    after.paths["/v2/{project_id}/workspace-jobs/{id}"] = item;
    item.get.parameters[1] = { name: "id", in: "path", required: true, schema: { type: "string" } };
    expect(brief(compare(real(), after))).toEqual(["error new-request-path-parameter ShowJob /parameters/path/id", "error request-parameter-removed ShowJob /parameters/path/job_id"]);
  });
});

describe("bundles", () => {
  it("one change in the combined bundle and a service's bundle is reported once, with both", () => {
    const edit = (file: string) => {
      const after = structuredClone(bundle(file)) as Json;
      after.components.schemas.CseJobId.type = "string";
      return after;
    };
    const changes = compareBundles(["generated/openapi.json", "generated/cse.openapi.json"].map((file) => ({ file, before: doc(bundle(file), file), after: doc(edit(file), file) })));
    const retry = changes.filter((c) => c.operation === "RetryEngine");
    expect(retry.map((c) => [c.id, c.bundles])).toEqual([["response-property-type-changed", ["generated/openapi.json", "generated/cse.openapi.json"]]]);
  });

  it("a bundle added is info, one removed an error", () => {
    const cse = doc(bundle("generated/cse.openapi.json"), "generated/cse.openapi.json");
    expect(brief(compareBundles([{ file: "generated/cse.openapi.json", after: cse }]))).toEqual(["info bundle-added  "]);
    expect(brief(compareBundles([{ file: "generated/cse.openapi.json", before: cse }]))).toEqual(["error bundle-removed  "]);
  });
});

describe("hostile documents", () => {
  it("a recursive schema is compared once per loop, and its changes found", () => {
    const node = (kind: string) => ({ type: "object", properties: { kind: { type: kind }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } } });
    const changes = compare(tiny({ $ref: "#/components/schemas/Node" }, { Node: node("string") }), tiny({ $ref: "#/components/schemas/Node" }, { Node: node("integer") }));
    expect(brief(changes)).toEqual(["error response-property-type-changed ListThings /responses/200/content/application~1json/schema/properties/kind/type"]);
  });

  it("a $ref that leads back to itself is an error naming it", () => {
    const looping = tiny({ $ref: "#/components/schemas/A" }, { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } });
    expect(() => compare(tiny({ type: "string" }), looping)).toThrow(DiffInputError);
    expect(() => compare(tiny({ type: "string" }), looping)).toThrow('generated/openapi.json: /responses/200/content/application~1json/schema: $ref "#/components/schemas/A" leads round in a loop');
  });

  it.each([
    ["outside the document", "other.yaml#/components/schemas/A", "points outside the document; compare bundled documents"],
    ["at nothing", "#/components/schemas/Missing", "points at nothing"],
    ["at nothing, through an array", "#/components/schemas/A/allOf/7", "points at nothing"],
    ["with a bad escape", "#/components/schemas/%E0%A4%A", "is not a valid URI fragment"],
    ["not at a pointer", "#A", "is not a JSON pointer"],
    ["up the prototype", "#/components/schemas/__proto__/toString", "points at nothing"],
  ])("a $ref %s is an error naming it", (_, ref, message) => {
    const after = tiny({ $ref: ref }, { A: { allOf: [] } });
    expect(() => compare(tiny({ type: "string" }), after)).toThrow(`$ref ${JSON.stringify(ref)} ${message}`);
  });

  it("absurd nesting is an error, not a stack overflow", () => {
    const nested = (leaf: string, levels: number) => {
      let schema: Json = { type: leaf };
      for (let i = 0; i < levels; i++) schema = { type: "object", properties: { a: schema } };
      return schema;
    };
    // Deeper than a schema may be: the comparison stops and says where.
    expect(() => compare(tiny(nested("string", 100)), tiny(nested("integer", 100)))).toThrow(/: \/responses\/200\/content\/application~1json\/schema(\/properties\/a)+: schemas nested deeper than 200 pointer segments$/);
    // Deeper than any JSON the gate reads (deep equality and cloning would overflow the stack): refused when read.
    const text = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    expect(() => OpenApiDocument.parse(`{"paths":{},"x":${text}}`, FILE)).toThrow(/^generated\/openapi\.json: nested deeper than 1000 levels \(at \/x\/a\/a\/a/);
    expect(() => new OpenApiDocument({ enum: [JSON.parse(text)] }, FILE)).toThrow(DiffInputError);
  });

  it("properties named __proto__, constructor and hasOwnProperty are properties like any other", () => {
    const props = (type: string) => JSON.parse(`{"type":"object","required":["__proto__"],"properties":{"__proto__":{"type":"${type}"},"constructor":{"type":"string"},"hasOwnProperty":{"type":"string"}}}`);
    const changes = compare(tiny(props("string")), tiny(props("integer")));
    expect(brief(changes)).toEqual(["error response-property-type-changed ListThings /responses/200/content/application~1json/schema/properties/__proto__/type"]);
    const removed = compare(tiny(props("string")), tiny({ type: "object" }));
    expect(removed.map((c) => [c.id, c.subject])).toEqual([
      ["response-required-property-removed", "__proto__"],
      ["response-optional-property-removed", "constructor"],
      ["response-optional-property-removed", "hasOwnProperty"],
    ]);
    expect(({} as Json).type).toBeUndefined();
  });

  it("absurd numbers compare as numbers", () => {
    const changes = compare(tiny({ type: "number", maximum: 1e308, minimum: -1e308 }), tiny({ type: "number", maximum: Number.MAX_VALUE, minimum: -0 }));
    expect(brief(changes)).toEqual([
      "error response-body-max-increased ListThings /responses/200/content/application~1json/schema/maximum",
      "info response-body-min-increased ListThings /responses/200/content/application~1json/schema/minimum",
    ]);
  });

  const minimal = { paths: { "/a": { get: { responses: {} } } } };
  it.each([
    ["not an object", minimal, [], "generated/openapi.json: not an OpenAPI document (a JSON object)"],
    ["paths that is a list", minimal, { paths: [] }, 'generated/openapi.json: "paths" is not an object'],
    ["a path item that is a string", minimal, { paths: { "/a": "x" } }, 'generated/openapi.json: paths["/a"] is not an object'],
    ["an operation that is a number", minimal, { paths: { "/a": { get: 1 } } }, 'generated/openapi.json: paths["/a"].get is not an object'],
    ["parameters that are not a list", minimal, { paths: { "/a": { get: { parameters: {}, responses: {} } } } }, 'generated/openapi.json: GET /a: "parameters" is not a list'],
    ["a parameter without a name", minimal, { paths: { "/a": { get: { parameters: [{ in: "query" }], responses: {} } } } }, 'generated/openapi.json: GET /a: parameters[0] has no string "name" and "in"'],
    ["security that is not a list", minimal, { paths: { "/a": { get: { security: {}, responses: {} } } } }, 'generated/openapi.json: GET /a: "security" is not a list'],
    ["a schema that is a string", tiny({ type: "string" }), tiny("string"), 'generated/openapi.json: /responses/200/content/application~1json/schema: a schema must be an object or a boolean, not "string"'],
    ["two paths that differ only in parameter names", minimal, { paths: { "/a/{x}": { get: {} }, "/a/{y}": { get: {} } } }, 'generated/openapi.json: paths "/a/{x}" and "/a/{y}" are the same GET operation'],
  ])("%s: an error naming the place", (_, before, after, message) => {
    const run = () => compareDocuments(doc(before), doc(after));
    expect(run).toThrow(DiffInputError);
    expect(run).toThrow(message);
  });

  it("a bundle that is not JSON: an error naming the file", () => {
    expect(() => OpenApiDocument.parse("{ not json", "generated/openapi.json at v0.1.0")).toThrow(/^generated\/openapi\.json at v0\.1\.0: not JSON \(/);
  });
});
