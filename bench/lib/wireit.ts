/**
 * The build as package.json's `wireit` section declares it: each script's command, environment and
 * dependencies, in an order that runs it one script after another (each after the ones it depends
 * on), and the summary of a build's log (which scripts ran, which were fresh).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

export interface WireitScript {
  name: string;
  command?: string;
  env: Record<string, string>;
  dependencies: string[];
}

type Dependency = string | { script: string };

/** Every wireit script `target` needs, dependencies first, `target` last. */
export async function wireitPlan(root: string, target = "build:all"): Promise<WireitScript[]> {
  const { wireit = {} } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    wireit?: Record<string, { command?: string; env?: Record<string, string>; dependencies?: Dependency[] }>;
  };
  const order: WireitScript[] = [];
  const visit = (name: string) => {
    if (order.some((script) => script.name === name)) return;
    const config = wireit[name];
    if (!config) throw new Error(`package.json in ${root} has no wireit script "${name}"`);
    const dependencies = (config.dependencies ?? []).map((d) => (typeof d === "string" ? d : d.script));
    dependencies.forEach(visit);
    order.push({ name, ...(config.command ? { command: config.command } : {}), env: config.env ?? {}, dependencies });
  };
  visit(target);
  return order;
}

/**
 * Which scripts a build ran and which it found fresh, from wireit's `simple` logger
 * (`WIREIT_LOGGER=simple`): "✅ [name] Executed successfully", "✅ [name] Already fresh",
 * "✅ [name] Restored from cache". Scripts without a command are left out.
 */
export function ranAndFresh(log: string): { ran: string[]; fresh: string[] } {
  const ran: string[] = [];
  const fresh: string[] = [];
  for (const [, name, what] of log.matchAll(/\[([\w:-]+)\] (Executed successfully|Already fresh|Restored from cache)/g)) {
    (what === "Executed successfully" ? ran : fresh).push(name!);
  }
  return { ran, fresh };
}
