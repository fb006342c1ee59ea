/**
 * The build's steps in package.json (wireit) against the services redocly.yaml lists: each service
 * has its own `docs:<service>` (page) step reading only its own bundle, so an edit to one service
 * renders only its page again, and the one `generate` step (types; one process, see
 * scripts/generate-types.ts) reads every service's JSON bundle and writes every service's types. A
 * service added to redocly.yaml without its page step or its place in `generate` fails here rather
 * than shipping without types or a page (the landing step deletes the page of a service
 * redocly.yaml no longer lists). Also: the type tests
 * (test/**\/*.test-d.ts) are in the program of the `typecheck` step, which `npm test` runs first.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../../scripts/generate-types.js';

const ROOT = new URL('../../', import.meta.url).pathname;

interface Step {
  command?: string;
  dependencies?: (string | { script: string; cascade?: boolean })[];
  files?: string[];
  output?: string[];
}

const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; wireit: Record<string, Step> };
const apis = (parse(await readFile(join(ROOT, 'redocly.yaml'), 'utf8')) as { apis: Record<string, { output: string }> }).apis;
const services = Object.keys(apis).filter((name) => name !== 'all');
const stepsOf = (prefix: string) => Object.keys(pkg.wireit).filter((name) => name.startsWith(`${prefix}:`)).sort();
const names = (step: Step) => (step.dependencies ?? []).map((d) => (typeof d === 'string' ? d : d.script));

describe.each(services)('service %s', (service) => {
  const yamlBundle = apis[service]!.output;
  const jsonBundle = yamlBundle.replace(/\.yaml$/, '.json');

  it('has its types made by the generate step: its JSON bundle an input, its types an output', () => {
    const step = pkg.wireit['generate'];
    expect(step?.files).toContain(jsonBundle);
    expect(step?.output).toContain(`generated/types/${service}.d.ts`);
  });

  it('has its docs step: Redocly build-docs on its YAML bundle only, after the bundles', () => {
    const step = pkg.wireit[`docs:${service}`];
    expect(step?.command).toBe(`redocly build-docs ${yamlBundle} --inlineBundle --output generated/docs/${service}.html`);
    expect(step?.files).toContain(yamlBundle);
    expect(step?.files?.filter((file) => file.startsWith('generated/'))).toEqual([yamlBundle]);
    expect(step?.output).toEqual([`generated/docs/${service}.html`]);
    expect(step?.dependencies).toEqual([{ script: 'bundle:yaml', cascade: false }]);
    expect(pkg.scripts[`docs:${service}`]).toBe('wireit');
  });
});

it('has no per-service step for a service redocly.yaml does not list, and generate/docs run them all', () => {
  expect([...SERVICES].sort()).toEqual([...services].sort());
  expect(stepsOf('docs')).toEqual([...services.map((s) => `docs:${s}`), 'docs:landing'].sort());
  expect(names(pkg.wireit['docs']!).sort()).toEqual(stepsOf('docs'));
});

it('makes every service\'s types in one generate step (one process), from the JSON bundles only, after them', () => {
  const step = pkg.wireit['generate'];
  // No service argument: the script makes the types of every service in SERVICES.
  expect(step?.command).toBe('tsx scripts/generate-types.ts');
  expect(stepsOf('generate')).toEqual([]);
  expect(step?.files).toEqual(['scripts/generate-types.ts', ...services.map((s) => apis[s]!.output.replace(/\.yaml$/, '.json'))]);
  expect(step?.output).toEqual(services.map((s) => `generated/types/${s}.d.ts`));
  expect(step?.dependencies).toEqual([{ script: 'bundle:json', cascade: false }]);
  expect(pkg.scripts['generate']).toBe('wireit');
});

it('checks the type tests in the typecheck step, which npm test runs first', async () => {
  const typeTests: string[] = [];
  for (const entry of await readdir(join(ROOT, 'test'), { recursive: true })) {
    if (entry.endsWith('.test-d.ts')) typeTests.push(join(ROOT, 'test', entry));
  }
  expect(typeTests.length).toBeGreaterThan(0);
  expect(pkg.wireit['typecheck']?.command).toMatch(/^tsc --noEmit -p tsconfig\.json /);
  expect(pkg.scripts['pretest']).toBe('npm run --silent typecheck');
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  expect(config?.errors).toEqual([]);
  for (const file of typeTests) expect(config?.fileNames, `${file} is not in tsconfig.json's program`).toContain(file);
});

describe("dist: a step per package's entry points, each with the inputs its program reads", () => {
  /** Every file a module of src/ reaches through relative imports (type-only ones included), itself too; outside src/ as `../<path>`. */
  async function reached(entry: string, seen = new Set<string>()): Promise<Set<string>> {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    if (!entry.startsWith(join(ROOT, 'src/'))) return seen; // generated types: named, not followed
    const { importedFiles } = ts.preProcessFile(await readFile(entry, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith('.')) await reached(join(entry, '..', fileName.replace(/\.js$/, '.ts')), seen);
    }
    return seen;
  }
  const src = (file: string) => relative(join(ROOT, 'src'), file);

  it("dist:mock compiles only src/mock/ (its files) into the mock package's dist/, and needs no generated types, so it runs from the start", async () => {
    const step = pkg.wireit['dist:mock']!;
    expect(step.command).toBe('tsc -p tsconfig.build.mock.json');
    expect(step.dependencies ?? []).toEqual([]);
    const files = [...(await reached(join(ROOT, 'src/mock/index.ts'))), ...(await reached(join(ROOT, 'src/mock/cli.ts')))].map(src);
    expect(files.filter((file) => !file.startsWith('mock/'))).toEqual([]);
    expect(step.files).toContain('src/mock/**/*.ts');
    expect(step.output).toEqual(['packages/mock/dist/**', 'node_modules/.cache/tsc/dist-mock.tsbuildinfo']);
  });

  it('dist:mock-document copies the combined bundle into the mock package, where src/mock/launch.ts finds it', () => {
    const step = pkg.wireit['dist:mock-document']!;
    expect(step.files).toEqual(['generated/openapi.json']);
    expect(step.output).toEqual(['packages/mock/generated/openapi.json']);
    expect(step.dependencies).toEqual([{ script: 'bundle:json', cascade: false }]);
  });

  it("dist:client compiles src/ without src/mock/ (its files leave those out) into the client package's dist/, after generate", async () => {
    const step = pkg.wireit['dist:client']!;
    expect(step.command).toBe('tsc -p tsconfig.build.json');
    expect(names(step)).toEqual(['generate']);
    const files = [...(await reached(join(ROOT, 'src/index.ts')))].map(src);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((file) => file.startsWith('mock/'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('../')).sort()).toEqual(['../generated/types/cse.ts', '../generated/types/servicestage.ts', '../generated/types/workspace.ts']);
    expect(step.files).toEqual(expect.arrayContaining(['src/**/*.ts', '!src/mock/**', 'generated/types/*.d.ts']));
    expect(step.output).toEqual(['dist/**', 'node_modules/.cache/tsc/dist.tsbuildinfo']);
    expect(names(pkg.wireit['dist']!).sort()).toEqual(['dist:client', 'dist:mock', 'dist:mock-document']);
  });
});
