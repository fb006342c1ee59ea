/**
 * The job simulation, a step after Prism (`AfterPrism`): an accepted action (200, no `Prefer` that
 * picks an answer) starts a job with a fresh ID, and the status operations follow remembered jobs
 * to their outcome. Everything else passes through as Prism answered it.
 */
import type { AfterPrism, MockAnswer } from '../prism/answer.js';
import type { Operation, PrismInput } from '../prism/library.js';
import { invalidRequest, isProviderError } from '../provider-error.js';
import { CONTROL_HEADER, readControl, type JobControl } from './control.js';
import { engineJob } from './engine-job.js';
import { documented, pathParameters } from './examples.js';
import type { Json, Kind } from './kind.js';
import type { JobSettings } from './settings.js';
import { poll } from './progress.js';
import { scriptTask } from './script-task.js';
import { serviceStageJob } from './servicestage-job.js';
import { JobStore } from './store.js';
import { workspaceJob } from './workspace-job.js';

/** The operation that starts each kind of job, and the one that follows it (as the client's STATUS_OPERATIONS). */
const STARTED_BY = new Map<string | undefined, Kind>([
  ['RetryEngine', engineJob],
  ['UpgradeEngine', engineJob],
  ['RetryScriptExecution', scriptTask],
  ['RunActionsOnWorkspaceJob', workspaceJob],
  ['UpdateInstanceAction', serviceStageJob],
]);
const FOLLOWED_BY = new Map<string | undefined, Kind>([
  ['ShowEngineJob', engineJob],
  ['ShowJob', workspaceJob],
  ['ListScriptTasks', scriptTask],
  ['ShowJobDetail', serviceStageJob],
]);

export function jobSimulation(settings: JobSettings, clock: () => number = Date.now): AfterPrism {
  const store = new JobStore(settings.limit);
  const afterPrism: AfterPrism = (answer, { operation, input, picked }) => {
    const starts = STARTED_BY.get(operation?.iid);
    const follows = FOLLOWED_BY.get(operation?.iid);
    if (!starts && !follows) return answer;
    const raw = input.headers?.[CONTROL_HEADER];
    const read = raw === undefined ? undefined : readControl(raw);
    const control = read?.ok ? read.value : undefined;
    const problem =
      read && !read.ok
        ? read.reason
        : starts && control && picked
          ? 'header.x-mock-job: cannot be combined with Prefer code= or example= (a picked answer starts no job); send one or the other'
          : starts === scriptTask && control?.message !== undefined
            ? "header.x-mock-job: message cannot be shown for this job: ListScriptTasks answers carry no reason (the provider keeps per-desktop reasons in its script-execution records); give code alone, which becomes the task's status"
            : undefined;
    if (problem) return rejected(answer, operation!, problem);
    if (picked || answer.status !== 200) return answer;
    if (starts) return start(starts, answer, operation!, input, control);
    return follow(follows!, answer, operation!, input);
  };

  function start(kind: Kind, answer: MockAnswer, operation: Operation, input: PrismInput, control: JobControl | undefined): MockAnswer {
    const id = store.freshId(kind.kind);
    const path = pathParameters(operation, input.url.path);
    const body = typeof input.body === 'object' && input.body !== null ? (input.body as Json) : {};
    const started = kind.start(answer.body as Json, id, path, body);
    store.add({
      kind: kind.kind,
      id,
      action: operation.iid ?? '',
      projectId: path['project_id']!,
      resourceId: started.resourceId,
      detail: started.detail,
      polls: control?.polls ?? settings.polls,
      outcome: control?.outcome ?? settings.outcome,
      code: control?.code,
      message: control?.message,
      startedAt: clock(),
      seen: 0,
      stageEnds: [],
    });
    return { ...answer, body: started.answer };
  }

  function follow(kind: Kind, answer: MockAnswer, operation: Operation, input: PrismInput): MockAnswer {
    const path = pathParameters(operation, input.url.path);
    const query = input.url.query ?? {};
    const project = path['project_id'];
    if (kind === scriptTask) {
      const asked = query['task_id'];
      if (asked === undefined) return answer; // a plain listing: the documented example, as without jobs
      const ids = [...new Set(Array.isArray(asked) ? asked : [asked])];
      const known = ids.map((id) => store.get(kind.kind, id)).filter((job) => job !== undefined && job.projectId === project);
      const page = known.slice(number(query['offset']) ?? 0).slice(0, number(query['limit']) ?? known.length);
      const now = clock();
      return { ...answer, body: { count: known.length, script_tasks: page.map((job) => kind.status(job!, poll(job!, now), operation)) } };
    }
    const job = store.get(kind.kind, path['job_id'] ?? '');
    if (!job || job.projectId !== project || (kind === engineJob && job.resourceId !== path['engine_id'])) return notFound(operation);
    const body = kind.status(job, poll(job, clock()), operation);
    return { ...answer, body: kind === serviceStageJob ? page(body, job.resourceId, query) : body };
  }

  return afterPrism;
}

/** ShowJobDetail's query: only this instance's tasks, newest first when `desc=true`, then a page. */
function page(body: Json, instanceId: string | undefined, query: Record<string, string | string[]>): Json {
  const instance = query['instance_id'];
  let tasks: Json[] = instance !== undefined && instance !== instanceId ? [] : body['tasks'];
  if (query['desc'] === 'true') tasks = [...tasks].reverse();
  return { ...body, task_count: tasks.length, tasks: tasks.slice(number(query['offset']) ?? 0).slice(0, number(query['limit']) ?? tasks.length) };
}

/** A job the mock did not start (or has forgotten): the operation's documented 404. */
function notFound(operation: Operation): MockAnswer {
  return { status: 404, headers: { 'content-type': 'application/json' }, body: documented(operation, '404') ?? { error_code: 'MOCK.0404', error_msg: 'No such job.' } };
}

/**
 * A bad `X-Mock-Job`: the operation's documented 400 with the reason, in place of any answer the
 * request would have had (a picked one included); an invalid request's 400 gets the reason added to
 * its list. Other refusals (401 first, as the gateway does) pass through.
 */
function rejected(answer: MockAnswer, operation: Operation, reason: string): MockAnswer {
  if (answer.status === 400 && isProviderError(answer.body) && answer.body.error_msg.startsWith('Invalid request: ')) {
    return { ...answer, body: { ...answer.body, error_msg: `${answer.body.error_msg}; ${reason}` } };
  }
  if (answer.refused) return answer;
  const code = documented(operation, '400')?.['error_code'];
  return { status: 400, headers: { 'content-type': 'application/json' }, body: invalidRequest(typeof code === 'string' ? code : 'MOCK.0400', [reason]), refused: true };
}

function number(value: string | string[] | undefined): number | undefined {
  return typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : undefined;
}
