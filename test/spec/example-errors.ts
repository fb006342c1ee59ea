/**
 * Validates every example in a bundled OpenAPI 3.1 document against its schema with a JSON Schema
 * 2020-12 validator (ajv), independently of the linters, and says which example broke which field.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

type Json = Record<string, any>;

/** One example and the JSON pointer (into the bundle) of the schema it must satisfy. */
export interface ExampleCase {
  where: string;
  schemaPointer: string;
  value: unknown;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

const escape = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

function mediaCases(content: Json | undefined, pointer: string, where: string): ExampleCase[] {
  return Object.entries<Json>(content ?? {}).flatMap(([type, media]) =>
    Object.entries<Json>(media.examples ?? {}).map(([name, example]) => ({
      where: `${where} ${type} example "${name}"`,
      schemaPointer: `${pointer}/content/${escape(type)}/schema`,
      value: example.value,
    })),
  );
}

function resolve(doc: Json, node: Json): Json {
  if (typeof node?.$ref !== "string") return node;
  return node.$ref
    .slice(2)
    .split("/")
    .map((s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((n: Json, key: string) => n[key], doc);
}

/** Every request, response, parameter and header example of every operation in the bundle. */
export function collectExamples(doc: Json): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, Json][]) {
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method];
      const base = `#/paths/${escape(path)}/${method}`;
      const name = `${op.operationId}`;
      if (op.requestBody) cases.push(...mediaCases(op.requestBody.content, `${base}/requestBody`, `${name} request`));
      for (const [status, raw] of Object.entries(op.responses ?? {}) as [string, Json][]) {
        const ref = typeof raw.$ref === "string" ? raw.$ref : `${base}/responses/${status}`;
        const response = resolve(doc, raw);
        cases.push(...mediaCases(response.content, ref, `${name} ${status} response`));
        for (const [header, h] of Object.entries(response.headers ?? {}) as [string, Json][]) {
          const hdr = resolve(doc, h);
          const hRef = typeof h.$ref === "string" ? h.$ref : `${ref}/headers/${escape(header)}`;
          if (hdr.example !== undefined)
            cases.push({ where: `${name} ${status} header ${header} example`, schemaPointer: `${hRef}/schema`, value: hdr.example });
        }
      }
      (op.parameters ?? []).forEach((p: Json, i: number) => {
        const param = resolve(doc, p);
        const pRef = typeof p.$ref === "string" ? p.$ref : `${base}/parameters/${i}`;
        if (param.example !== undefined)
          cases.push({ where: `${name} parameter ${param.name} example`, schemaPointer: `${pRef}/schema`, value: param.example });
      });
    }
  }
  for (const [schemaName, schema] of Object.entries(doc.components?.schemas ?? {}) as [string, Json][]) {
    (schema.examples ?? []).forEach((value: unknown, i: number) =>
      cases.push({ where: `schema ${schemaName} examples[${i}]`, schemaPointer: `#/components/schemas/${escape(schemaName)}`, value }),
    );
  }
  return cases;
}

/** Returns one line per failing example: which example, which field, and why. Empty when all pass. */
export function exampleErrors(doc: Json, docName: string): string[] {
  // strict: false because the bundle carries OpenAPI keywords (discriminator, example) beside JSON Schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, docName);
  return collectExamples(doc).flatMap((c) => {
    const validate = ajv.getSchema(`${docName}${c.schemaPointer}`);
    if (!validate) return [`${docName}: ${c.where}: no schema at ${c.schemaPointer}`];
    if (validate(c.value)) return [];
    return (validate.errors ?? []).map(
      (e: { instancePath: string; message?: string; params?: unknown }) => `${docName}: ${c.where}: ${e.instancePath || "(root)"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`,
    );
  });
}
