/**
 * A synthetic project shaped like this one, with N operations instead of five: our shared
 * components as they are, and our five path files copied round-robin (operation i is a copy of
 * path file i mod 5, with operationId `<OperationId><copy>` and its own path `/v2/{project_id}/copy<copy>/...`),
 * each with its code samples; the four roots list them as ours do (by service), so the same build
 * (package.json's wireit scripts: bundle, lint, types, docs) runs on it unchanged. With N = 5 it is our API.
 *
 * It has no client: its package.json has no `dist`, and its type check compiles the generated
 * declarations themselves (`skipLibCheck: false`), which grow with N.
 */
import { cp, mkdir, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse, stringify } from "yaml";

type PathItem = Record<string, unknown> & { $ref?: string };
type Root = Record<string, unknown> & { paths: Record<string, PathItem> };

const METHODS = ["get", "put", "post", "delete", "patch"];

/** The path file a root's path item refers to, e.g. `RetryEngine` for `./paths/RetryEngine.yaml`. */
function templateOf(item: PathItem, where: string): string {
  const match = /^\.\/paths\/([A-Za-z0-9]+)\.yaml$/.exec(item.$ref ?? "");
  if (!match?.[1]) throw new Error(`${where}: expected a $ref to ./paths/<OperationId>.yaml, found ${item.$ref}`);
  return match[1];
}

/** `/v2/{project_id}/enginemgr/...` becomes `/v2/{project_id}/copy7/enginemgr/...`. */
function copyPath(path: string, copy: number): string {
  const marker = "/v2/{project_id}/";
  if (!path.startsWith(marker)) throw new Error(`synthetic API: path ${path} does not start with ${marker}`);
  return `${marker}copy${copy}/${path.slice(marker.length)}`;
}

/**
 * Writes the synthetic project of `operations` operations (a multiple of the number of path files) into `dir`, replacing
 * what was there, from the repository at `repo`. `dir` must be inside `repo`: Node and tsc find the
 * repository's packages by looking up from it.
 */
export async function writeSyntheticApi(repo: string, dir: string, operations: number): Promise<void> {
  const all = parse(await readFile(join(repo, "openapi", "openapi.yaml"), "utf8")) as Root;
  const templates = Object.entries(all.paths).map(([path, item]) => ({ path, item, name: templateOf(item, path) }));
  if (operations % templates.length !== 0) {
    throw new Error(`synthetic API: ${operations} operations is not a multiple of ${templates.length} (our path files)`);
  }
  const copies = operations / templates.length;

  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "openapi", "paths"), { recursive: true });
  await mkdir(join(dir, "openapi", "code-samples"), { recursive: true });
  await cp(join(repo, "openapi", "components"), join(dir, "openapi", "components"), { recursive: true });
  await cp(join(repo, "scripts"), join(dir, "scripts"), { recursive: true });
  // CHANGELOG.md: the docs step renders it as the landing page's changelog.
  for (const file of ["redocly.yaml", ".spectral.yaml", "CHANGELOG.md"]) await cp(join(repo, file), join(dir, file));
  // The repository's commands (scripts/docs.ts runs node_modules/.bin/redocly), but a node_modules
  // of its own, so its tools' caches (the type check's) are its own.
  await mkdir(join(dir, "node_modules"));
  await symlink(join(repo, "node_modules", ".bin"), join(dir, "node_modules", ".bin"), "dir");

  // The same wireit build, less the client's `dist` (the synthetic API has no client).
  const manifest = JSON.parse(await readFile(join(repo, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
    wireit: Record<string, { dependencies?: (string | { script: string })[] }>;
  };
  const name = (d: string | { script: string }) => (typeof d === "string" ? d : d.script);
  const wireit: typeof manifest.wireit = {};
  const visit = (script: string) => {
    if (script === "dist" || wireit[script]) return;
    const config = structuredClone(manifest.wireit[script]!);
    config.dependencies = config.dependencies?.filter((d) => name(d) !== "dist");
    wireit[script] = config;
    config.dependencies?.forEach((d) => visit(name(d)));
  };
  visit("build:all");
  const scripts = { build: manifest.scripts.build, ...Object.fromEntries(Object.keys(wireit).map((s) => [s, "wireit"])) };
  await writeJson(join(dir, "package.json"), { name: `synthetic-api-${operations}`, private: true, type: "module", scripts, wireit });
  const tsconfig = JSON.parse(await readFile(join(repo, "tsconfig.json"), "utf8")) as {
    compilerOptions: Record<string, unknown>;
  };
  const { paths: _paths, ...compilerOptions } = tsconfig.compilerOptions;
  await writeJson(join(dir, "tsconfig.json"), {
    // The generated declarations are checked; TypeScript's own lib files are not.
    compilerOptions: { ...compilerOptions, skipLibCheck: false, skipDefaultLibCheck: true, types: [] },
    include: ["generated/**/*.ts"],
  });

  // Path files and code samples: copy `c` of each template.
  const renamed = new Map<string, { path: string; item: PathItem }[]>();
  for (const { path, item, name } of templates) {
    const source = parse(await readFile(join(repo, "openapi", "paths", `${name}.yaml`), "utf8")) as Record<string, unknown>;
    const samples = (await readdir(join(repo, "openapi", "code-samples"))).filter((file) => file.startsWith(`${name}.`));
    const copiesOf: { path: string; item: PathItem }[] = [];
    for (let copy = 1; copy <= copies; copy++) {
      const id = `${name}${copy}`;
      const pathItem = structuredClone(source);
      for (const method of METHODS) {
        const operation = pathItem[method] as { operationId?: string } | undefined;
        if (operation) operation.operationId = id;
      }
      await writeFile(join(dir, "openapi", "paths", `${id}.yaml`), stringify(pathItem));
      for (const sample of samples) {
        await cp(join(repo, "openapi", "code-samples", sample), join(dir, "openapi", "code-samples", id + sample.slice(name.length)));
      }
      copiesOf.push({ path: copyPath(path, copy), item: { ...item, $ref: `./paths/${id}.yaml` } });
    }
    renamed.set(name, copiesOf);
  }

  // Each root lists the copies of the path files it lists.
  for (const file of (await readdir(join(repo, "openapi"))).filter((f) => f.endsWith(".yaml"))) {
    const root = parse(await readFile(join(repo, "openapi", file), "utf8")) as Root;
    const paths: Record<string, PathItem> = {};
    for (const [path, item] of Object.entries(root.paths)) {
      for (const copy of renamed.get(templateOf(item, `${file} ${path}`)) ?? []) paths[copy.path] = copy.item;
    }
    await writeFile(join(dir, "openapi", file), stringify({ ...root, paths }));
  }
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
