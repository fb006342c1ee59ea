/**
 * (b) How long a mock takes to start, to its first answer (a valid RetryEngine call): `startMock()`
 * in a fresh Node process (from the import of the compiled module, as a test suite's global setup
 * pays it) and our mock command spawned, against Prism CLI 5.14.2 (`prism mock <bundle>`) spawned,
 * and a bare node:http server spawned (the limit: a Node process that listens and answers). Each
 * round starts every one once, in a new order; a ratio is the median of the rounds' ratios.
 */
import { run } from "./lib/command.js";
import { treeCpuMs } from "./lib/process-tree.js";
import { figure, type Figure } from "./lib/report.js";
import { RETRY_ENGINE_PATH, TOKEN, VALID_BODY } from "./lib/requests.js";
import { launch, startServerProcess, type Launch } from "./lib/server-process.js";
import { median, shuffler, spread } from "./lib/stats.js";
import { MOCK, type Tree } from "./lib/trees.js";

export interface StartRuns {
  rounds: number;
}

interface Sample {
  ms: number;
  cpuMs: number;
}

/** Spawned until it has answered its first request. */
async function spawned(server: Launch): Promise<Sample> {
  const start = performance.now();
  const process = await startServerProcess(server);
  try {
    const response = await fetch(`${process.url}${RETRY_ENGINE_PATH}`, { method: "PUT", headers: { "Content-Type": "application/json", "X-Auth-Token": TOKEN }, body: VALID_BODY });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${server.name}: the first answer was ${response.status}`);
    return { ms: performance.now() - start, cpuMs: treeCpuMs(process.pid) };
  } finally {
    await process.stop();
  }
}

/** `startMock()` of the tree's compiled mock in a fresh process. */
async function inProcess(tree: Tree): Promise<Sample> {
  const { output } = await run(`node bench/lib/start-timer.mjs ${MOCK.paths(tree).module} ${RETRY_ENGINE_PATH} '${VALID_BODY}'`);
  return JSON.parse(output.trim().split("\n").at(-1)!) as Sample;
}

export async function benchStart({ rounds }: StartRuns, trees: Tree[], log: (line: string) => void) {
  const starts: { name: string; start: () => Promise<Sample> }[] = [
    ...trees.flatMap((tree) => [
      { name: `${tree.name}: startMock()`, start: () => inProcess(tree) },
      { name: launch.mock(tree).name, start: () => spawned(launch.mock(tree)) },
    ]),
    { name: "Prism CLI", start: () => spawned(launch.prism()) },
    { name: "bare node:http", start: () => spawned(launch.bare()) },
  ];
  const samples = new Map<string, Sample[]>(starts.map((s) => [s.name, []]));
  const shuffled = shuffler(24);
  for (let round = 0; round < rounds; round++) {
    for (const { name, start } of shuffled(starts)) samples.get(name)!.push(await start());
    log(`start: round ${round + 1}/${rounds}: ${[...samples].map(([name, list]) => `${name} ${list.at(-1)!.ms.toFixed(0)} ms`).join(", ")}`);
  }

  const of = (name: string, measure: keyof Sample) => samples.get(name)!.map((s) => s[measure]);
  const ratio = (name: string, a: string, b: string, target?: { kind: "max" | "min"; value: number }) => {
    const each = of(a, "ms").map((ms, i) => ms / of(b, "ms")[i]!);
    return figure({ section: "start", name, value: median(each), unit: "×", runs: rounds, ...(target && { target }), note: `median of the rounds' ratios (${spread(each)})` });
  };
  const figures: Figure[] = starts.map(({ name }) =>
    figure({ section: "start", name: `${name} → first answer`, value: median(of(name, "ms")), unit: "ms", runs: rounds, note: `CPU ${median(of(name, "cpuMs")).toFixed(0)} ms` }),
  );
  figures.push(
    ratio("our mock command ÷ Prism CLI", "ours: mock command", "Prism CLI", { kind: "max", value: 0.6 }),
    ratio("startMock() ÷ Prism CLI", "ours: startMock()", "Prism CLI", { kind: "max", value: 0.6 }),
  );
  for (const tree of trees.slice(1)) {
    figures.push(ratio(`our mock command ÷ ${tree.name} (${tree.label})`, "ours: mock command", launch.mock(tree).name), ratio(`startMock() ÷ ${tree.name}`, "ours: startMock()", `${tree.name}: startMock()`));
  }
  return { figures, details: Object.fromEntries(samples) };
}
