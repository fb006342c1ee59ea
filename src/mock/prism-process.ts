import { spawn, type ChildProcess } from 'node:child_process';

/** A running `prism mock` child process on a free loopback port. */
export interface PrismProcess {
  /** Where Prism listens now (it restarts on a new port when the document file changes). */
  readonly url: string;
  /** True once the process has exited, whatever the reason. */
  readonly exited: boolean;
  /** Prism's latest output lines, for error messages. */
  output(): string;
  /** Ends the process and waits until it is gone. */
  stop(): Promise<void>;
}

const LISTENING = /Prism is listening on (http:\/\/\S+)/;
const KEPT_LINES = 60;
const KILL_GRACE_MS = 5_000;
const EXIT_WITH_PARENT = "data:text/javascript,process.on('disconnect',()=>process.exit(0))";

/**
 * Starts `prism mock <document>` on 127.0.0.1 with a port of Prism's choosing and resolves once it
 * says it listens. Rejects with Prism's own output if it exits or stays silent for `timeoutMs`.
 */
export function spawnPrism(cliPath: string, document: string, timeoutMs: number): Promise<PrismProcess> {
  // --multiprocess=false: Prism forks a second process when NODE_ENV=production; one is enough.
  // The IPC channel closes when this process dies in any way, even SIGKILL; the preloaded
  // one-liner then ends Prism, so it never outlives the process that started it.
  const child = spawn(
    process.execPath,
    ['--import', EXIT_WITH_PARENT, cliPath, 'mock', document, '--host', '127.0.0.1', '--port', '0', '--multiprocess=false'],
    { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } },
  );
  const lines: string[] = [];
  let url = '';
  let exited = false;
  // 'close' rather than 'exit': it comes after the last output, which error messages quote.
  const exit = new Promise<void>((resolve) => child.once('close', () => resolve()));
  void exit.then(() => {
    exited = true;
    process.off('exit', killOnExit);
  });
  // A test runner that exits without calling stop() must not leave Prism behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  // One collector per stream: a line can arrive in two chunks, and the streams interleave.
  const collector = () => {
    let partial = '';
    return (chunk: Buffer) => {
      const complete = (partial + chunk.toString('utf8')).split('\n');
      partial = complete.pop() ?? '';
      for (const line of complete.filter((l) => l.trim())) {
        lines.push(line);
        const listening = LISTENING.exec(line);
        if (listening?.[1]) url = listening[1];
      }
      lines.splice(0, Math.max(0, lines.length - KEPT_LINES));
    };
  };
  child.stdout?.on('data', collector());
  child.stderr?.on('data', collector());

  const handle: PrismProcess = {
    get url() {
      return url;
    },
    get exited() {
      return exited;
    },
    output: () => lines.join('\n'),
    stop: () => stopChild(child, exit, () => exited),
  };

  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      cleanup();
      void handle.stop().then(() => reject(new Error(`Prism ${why}. Its output:\n${handle.output()}`)));
    };
    const onData = () => {
      if (!url) return;
      cleanup();
      resolve(handle);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited (${signal ?? `code ${code}`}) before listening`);
    const onError = (error: Error) => fail(`could not be started: ${error.message}`);
    const timer = setTimeout(() => fail(`did not listen within ${timeoutMs} ms`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('close', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', onData);
    child.once('close', onExit);
    child.once('error', onError);
  });
}

async function stopChild(child: ChildProcess, exit: Promise<void>, exited: () => boolean): Promise<void> {
  if (exited()) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
  await exit;
  clearTimeout(timer);
}
