/**
 * The load a test suite puts on a mock: every request new. On each connection, in turn: an action on
 * a fresh resource (a new engine, component instance or Workspace job), then two polls of the job it
 * started, for CSE, ServiceStage and Workspace; then an invalid action (1 request in 10). Every answer
 * is checked, as a test would: a benchmark of wrong answers measures nothing.
 */
import { randomUUID } from "node:crypto";
import type { Request } from "autocannon";
import { PROJECT_ID, TOKEN } from "./requests.js";

/** How closely answers are checked: a mock that runs jobs (the poll shows the job the action started), a mock of examples (the documented fields are there), the bare server (status and JSON). */
export type Checks = "jobs" | "examples" | "status";

type Json = Record<string, any>;
type Context = Record<string, unknown>;

interface Step {
  method: "GET" | "PUT" | "POST";
  path(context: Context): string;
  body?: string;
  status: 200 | 400;
  /** The job an action answered, or the one a poll shows; undefined when the body has none. */
  job?(body: Json): unknown;
  /** An action: where the job it answered is kept for the polls that follow. A poll: the job it should show. */
  key?: string;
}

const P = `/v2/${PROJECT_ID}`;
const JSON_TYPE = { "Content-Type": "application/json" };

const STEPS: Step[] = [
  { method: "PUT", path: (c) => `${P}/enginemgr/engines/${(c.engine = randomUUID())}/actions`, body: '{"action":"Retry"}', status: 200, key: "cse", job: (b) => b.jobId },
  { method: "GET", path: (c) => `${P}/enginemgr/engines/${c.engine}/jobs/${c.cse}`, status: 200, key: "cse", job: (b) => b.id },
  { method: "GET", path: (c) => `${P}/enginemgr/engines/${c.engine}/jobs/${c.cse}`, status: 200, key: "cse", job: (b) => b.id },
  {
    method: "POST",
    path: () => `${P}/cas/applications/${randomUUID()}/components/${randomUUID()}/instances/${randomUUID()}/action`,
    body: '{"action":"scale","parameters":{"replica":2}}',
    status: 200,
    key: "stage",
    job: (b) => b.job_id,
  },
  { method: "GET", path: (c) => `${P}/cas/jobs/${c.stage}`, status: 200, key: "stage", job: (b) => b.job?.JOB_ID },
  { method: "GET", path: (c) => `${P}/cas/jobs/${c.stage}`, status: 200, key: "stage", job: (b) => b.job?.JOB_ID },
  { method: "POST", path: () => `${P}/workspace-jobs/${randomUUID()}/actions`, body: '{"op_type":"retry"}', status: 200, key: "workspace", job: (b) => b.job_id },
  { method: "GET", path: (c) => `${P}/workspace-jobs/${c.workspace}`, status: 200, key: "workspace", job: (b) => b.id },
  { method: "GET", path: (c) => `${P}/workspace-jobs/${c.workspace}`, status: 200, key: "workspace", job: (b) => b.id },
  // Invalid: RetryEngine takes only "Retry".
  { method: "PUT", path: () => `${P}/enginemgr/engines/${randomUUID()}/actions`, body: '{"action":"Restart"}', status: 400, job: (b) => (typeof b.error_code === "string" ? b.error_code : undefined) },
];

/** Requests per cycle of the steps, and invalid ones among them. */
export const CYCLE = { requests: STEPS.length, invalid: STEPS.filter((s) => s.status === 400).length };

/** What went wrong with the answers, across a load: the first few, and how many. */
export class Failures {
  count = 0;
  readonly first: string[] = [];
  add(message: string): void {
    if (this.count++ < 5) this.first.push(message);
  }
}

/** autocannon's `requests` for the load, checking each answer at the given level and counting what is wrong. */
export function testSuiteRequests(checks: Checks, failures: Failures): Request[] {
  return STEPS.map((step, i) => ({
    setupRequest: (request, context) => {
      context.path = step.path(context);
      return { ...request, method: step.method, path: context.path as string, headers: { "X-Auth-Token": TOKEN, ...(step.body && JSON_TYPE) }, ...(step.body && { body: step.body }) };
    },
    onResponse: (status, text, context) => {
      const where = `step ${i + 1} (${step.method} ${String(context.path)})`;
      if (status !== step.status) return failures.add(`${where}: status ${status}, expected ${step.status}: ${text.slice(0, 200)}`);
      let body: Json;
      try {
        body = JSON.parse(text) as Json;
      } catch {
        return failures.add(`${where}: not JSON: ${text.slice(0, 200)}`);
      }
      if (checks === "status") return;
      const job = step.job?.(body);
      if (job === undefined) return failures.add(`${where}: no job in ${text.slice(0, 200)}`);
      if (step.key === undefined) return;
      if (step.body) context[step.key] = job;
      else if (checks === "jobs" && job !== context[step.key]) failures.add(`${where}: shows job ${String(job)}, not ${String(context[step.key])}`);
    },
  }));
}
