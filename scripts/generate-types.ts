/**
 * `npm run generate`: openapi-typescript turns each service bundle in generated/ into
 * generated/types/<service>.d.ts, the types the client in src/ is written against. The build runs
 * it once for every service (the `generate` step in package.json): loading openapi-typescript and
 * TypeScript is most of its cost (~0.7 s of CPU), and one process per service paid it three times
 * (3.5-3.8 s of CPU against 1.3-1.7 s for one process, measured here) in every cold build and
 * every clean `npm pack`, while generating one service's types once they are loaded takes ~0.1-0.2 s.
 *
 * Usage: tsx scripts/generate-types.ts [service ...]   (every service by default)
 *
 * Why a script rather than the CLI: with redocly.yaml present the CLI only reads the `apis`
 * roots (the multi-file sources in openapi/, which its bundled Redocly cannot resolve for example
 * validation), never a bundle given on the command line. Declaration files, not .ts, so that tsc
 * emits nothing for them and dist/*.d.ts can import them from the package as they are.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Identifier, Node, TypeNode } from "typescript";

// openapi-typescript and TypeScript through require (their CommonJS builds), not import: Node 20
// importing a CommonJS file from ESM first guesses its format and scans its whole source for export
// names, which for TypeScript's 9 MB typescript.js cost more than half of loading openapi-typescript
// (1.25 s of CPU through import, 0.68 s through require, measured here), once per generate step.
const require = createRequire(import.meta.url);
const { default: openapiTS, astToString, COMMENT_HEADER } = require("openapi-typescript") as typeof import("openapi-typescript");
const ts = require("typescript") as typeof import("typescript");

export const SERVICES = ["cse", "workspace", "servicestage"] as const;

const root = new URL("../", import.meta.url);

/** The bundle a service's types are made from. */
export function bundleOf(service: string): URL {
  return new URL(`generated/${service}.openapi.json`, root);
}

/** The committed types of a service. */
export function typesOf(service: string): URL {
  return new URL(`generated/types/${service}.d.ts`, root);
}

/**
 * Open enums. The documents list a status's known values and still accept any string:
 * `anyOf: [{ type: string, enum: [...] }, { type: string }]`, which openapi-typescript 7.13 emits as
 * `("A" | "B") | string`; TypeScript reduces that to plain `string`, so editors would offer none of
 * the known values. This turns exactly that shape (string literals plus `string`) into
 * `"A" | "B" | (string & {})`: still any string, and the literals survive for completion and docs.
 */
export function openEnum(type: TypeNode): TypeNode | undefined {
  if (!ts.isUnionTypeNode(type)) return undefined;
  const members = type.types.flatMap((t) => (ts.isParenthesizedTypeNode(t) && ts.isUnionTypeNode(t.type) ? [...t.type.types] : [t]));
  // openapi-typescript writes string literal types as identifiers holding the quoted text.
  const literal = (t: TypeNode) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) || (ts.isIdentifier(t as Node) && /^".*"$/s.test((t as unknown as Identifier).text));
  const literals = members.filter(literal);
  const strings = members.filter((t) => t.kind === ts.SyntaxKind.StringKeyword);
  if (literals.length === 0 || strings.length !== 1 || literals.length + 1 !== members.length) return undefined;
  const anyString = ts.factory.createIntersectionTypeNode([ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), ts.factory.createTypeLiteralNode([])]);
  return ts.factory.createUnionTypeNode([...literals, ts.factory.createParenthesizedType(anyString)]);
}

/** The declaration file openapi-typescript makes from one bundle (default options, plus open enums). */
export async function generateTypes(bundle: URL): Promise<string> {
  return COMMENT_HEADER + astToString(await openapiTS(bundle, { silent: true, postTransform: openEnum }));
}

async function main(services: string[]): Promise<void> {
  const unknown = services.filter((service) => !(SERVICES as readonly string[]).includes(service));
  if (unknown.length) throw new Error(`generate-types: unknown service ${unknown.join(", ")} (known: ${SERVICES.join(", ")})`);
  await mkdir(new URL("generated/types/", root), { recursive: true });
  for (const service of services.length ? services : SERVICES) {
    await writeFile(typesOf(service), await generateTypes(bundleOf(service)));
    console.log(`generated/${service}.openapi.json -> generated/types/${service}.d.ts`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
