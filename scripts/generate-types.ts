/**
 * `npm run generate`: openapi-typescript turns each service bundle in generated/ into
 * generated/types/<service>.d.ts, the types the client in src/ is written against.
 *
 * Why a script rather than the CLI: with redocly.yaml present the CLI only reads the `apis`
 * roots (the multi-file sources in openapi/, which its bundled Redocly cannot resolve for example
 * validation), never a bundle given on the command line. Declaration files, not .ts, so that tsc
 * emits nothing for them and dist/*.d.ts can import them from the package as they are.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";

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

/** The declaration file openapi-typescript makes from one bundle (default options). */
export async function generateTypes(bundle: URL): Promise<string> {
  return COMMENT_HEADER + astToString(await openapiTS(bundle, { silent: true }));
}

async function main(): Promise<void> {
  await mkdir(new URL("generated/types/", root), { recursive: true });
  for (const service of SERVICES) {
    await writeFile(typesOf(service), await generateTypes(bundleOf(service)));
    console.log(`generated/${service}.openapi.json -> generated/types/${service}.d.ts`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
