/**
 * The mock as the provider's official Node.js SDK sees it. All nine operations go through the SDK
 * core's own client (`@huaweicloud/huaweicloud-sdk-core`: AK/SK signing, its transport, its
 * reading of answers), each request built as the service packages' generated clients build it;
 * every job of every kind is followed to its end, succeeding and failing, and every answer is read
 * against the SDK models: each field must be one the model defines, of the model's type, and each
 * field a model defines must be sent at some point of a job's life.
 *
 * The service packages (`@huaweicloud/huaweicloud-sdk-cse`, `-workspace`, `-servicestage`) are not
 * on the npm registry this project installs from, so their models' field names and types are
 * written down here from the SDK's sources (services/<service>/<version>/model/*.ts); the Node.js
 * SDK does not convert answers at run time, so these types are what its users' code relies on, and
 * what the Python and Go SDKs (int, int64) refuse to read otherwise.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../../src/mock/index.js';

/** A model's fields: JSON type, a nested model, or `[type]` for an array of it. */
type Type = 'string' | 'integer' | 'date-time' | Model | readonly [Type];
interface Model {
  name: string;
  fields: Record<string, Type>;
}
const model = (name: string, fields: Record<string, Type>): Model => ({ name, fields });

// CSE v1
const TaskExecutorBrief = model('TaskExecutorBrief', { duration: 'integer', description: 'string' });
const Task = model('Task', {
  jobId: 'integer', id: 'integer', type: 'string', assigned: 'string', taskName: 'string', engineName: 'string', taskOrder: 'integer', status: 'string',
  startTime: 'integer', endTime: 'integer', createTime: 'integer', updateTime: 'integer', timeout: 'integer', log: 'string', output: 'string', taskExecutorBrief: TaskExecutorBrief,
});
const TaskSteps = model('TaskSteps', { taskName: 'string', taskNames: ['string'], status: 'string', startTime: 'integer', endTime: 'integer', taskExecutorBrief: TaskExecutorBrief, tasks: [Task] });
const ShowEngineJobResponse = model('ShowEngineJobResponse', {
  id: 'integer', engineId: 'string', type: 'string', description: 'string', status: 'string', scheduling: 'integer', createUser: 'string',
  startTime: 'integer', endTime: 'integer', context: 'string', tasks: [TaskSteps],
});
const EngineActionResponse = { id: 'string', name: 'string', jobId: 'integer' } as const; // RetryEngineResponse, UpgradeEngineResponse
// Workspace v2
const JobEntities = model('JobEntities', { desktop_id: 'string', product_id: 'string', user_name: 'string', desktop_name: 'string', ip_address: 'string' });
const JobDetailInfo = model('JobDetailInfo', {
  id: 'string', job_type: 'string', entities: JobEntities, begin_time: 'string', end_time: 'string', status: 'string', error_code: 'string', fail_reason: 'string',
  host: 'string', project_id: 'string', job_id: 'string', process: 'integer', attach_user: 'string', entity: 'string', ip_address: 'string',
});
const ShowJobResponse = model('ShowJobResponse', {
  id: 'string', job_type: 'string', begin_time: 'string', end_time: 'string', status: 'string', job_error_code: 'string', fail_reason: 'string', sub_jobs_total: 'integer', sub_jobs: [JobDetailInfo],
});
const ScriptTaskInfoTaskScripts = model('ScriptTaskInfoTaskScripts', { id: 'string', name: 'string' });
const ScriptTaskInfo = model('ScriptTaskInfo', {
  id: 'string', task_scripts: [ScriptTaskInfoTaskScripts], resource_type: 'string', resource_ids: ['string'], gray_resource_ids: ['string'],
  success_num: 'integer', failed_num: 'integer', skip_num: 'integer', start_time: 'date-time', end_time: 'date-time', status: 'string', // the times are `Date` in the model
});
const ListScriptTasksResponse = model('ListScriptTasksResponse', { count: 'integer', script_tasks: [ScriptTaskInfo] });
// ServiceStage v2
const JobInfo = model('JobInfo', {
  CREATED_BY: 'string', EXECUTION_STATUS: 'string', JOB_DESC: 'string', JOB_ID: 'string', JOB_NAME: 'string', JOB_TYPE: 'string', ORDER_ID: 'string', PROJECT_ID: 'string', SERVICE_INSTANCE_ID: 'string',
});
const TaskInfo = model('TaskInfo', {
  CREATED_AT: 'string', LAST_HEALTH_CHECK: 'string', MESSAGES: 'string', OWNER_ID: 'string', TASK_ID: 'string', TASK_INDEX: 'integer', TASK_NAME: 'string', TASK_STATUS: 'string', TASK_TYPE: 'string',
});
const ShowJobDetailResponse = model('ShowJobDetailResponse', { task_count: 'integer', job: JobInfo, tasks: [TaskInfo] });

/** The SDK core's client, built as each service's `newBuilder()...build()` builds it (their builders only wrap it). */
const require = createRequire(import.meta.url);
interface Credentials {
  withAk(value: string): Credentials;
  withSk(value: string): Credentials;
  withProjectId(value: string): Credentials;
}
type SdkClient = { sendRequest(options: Record<string, unknown>): Promise<Record<string, unknown>> };
interface Builder {
  withCredential(credentials: Credentials): Builder;
  withEndpoint(url: string): Builder;
  build(): SdkClient;
}
const core = {
  ...(require('@huaweicloud/huaweicloud-sdk-core') as { BasicCredentials: new () => Credentials }),
  ...(require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js') as { ClientBuilder: new (init: (client: SdkClient) => SdkClient) => Builder }),
};

const PROJECT = '2a473356cca5487f8373be891bffc1cf';
const ENGINE = '4a1bc63d-4719-4bd3-b1ad-5ee590b05e87';

/** Request options as each generated client's `ParamCreater` builds them: method, path template, path and query parameters, body. */
const request = (method: string, url: string, pathParams: Record<string, string>, data?: unknown, queryParams: Record<string, unknown> = {}) => ({
  method, url, contentType: 'application/json', pathParams, queryParams, headers: {}, ...(data !== undefined && { data }),
});

interface Action {
  name: string;
  start: ReturnType<typeof request>;
  answer: Record<string, Type>;
  /** The status request for the job the answer started, and the model its answer is read with. */
  follow(answer: Record<string, any>): ReturnType<typeof request>;
  status: Model;
}

const engine = (name: string, path: string, data: unknown): Action => ({
  name,
  start: request('PUT', `/v2/{project_id}/enginemgr/engines/{engine_id}/${path}`, { engine_id: ENGINE }, data),
  answer: EngineActionResponse,
  follow: (answer) => request('GET', '/v2/{project_id}/enginemgr/engines/{engine_id}/jobs/{job_id}', { engine_id: ENGINE, job_id: String(answer['jobId']) }),
  status: ShowEngineJobResponse,
});
const instance = (data: unknown): Action => ({
  name: `UpdateInstanceAction ${(data as { action: string }).action}`,
  start: request('POST', '/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}/action', { application_id: 'a1', component_id: 'c1', instance_id: 'i1' }, data),
  answer: { job_id: 'string' },
  follow: (answer) => request('GET', '/v2/{project_id}/cas/jobs/{job_id}', { job_id: answer['job_id'] }),
  status: ShowJobDetailResponse,
});

const ACTIONS: Action[] = [
  engine('RetryEngine', 'actions', { action: 'Retry' }),
  engine('UpgradeEngine', 'upgrade', { version: '2.4.0' }),
  {
    name: 'RetryScriptExecution',
    start: request('POST', '/v2/{project_id}/script-executions/retry', {}, { task_id: 't1' }),
    answer: { task_id: 'string' },
    follow: (answer) => request('GET', '/v2/{project_id}/script-execution-tasks', {}, undefined, { task_id: [answer['task_id']] }),
    status: ListScriptTasksResponse,
  },
  {
    name: 'RunActionsOnWorkspaceJob',
    start: request('POST', '/v2/{project_id}/workspace-jobs/{job_id}/actions', { job_id: 'j1' }, { op_type: 'retry' }),
    answer: { job_id: 'string' },
    follow: (answer) => request('GET', '/v2/{project_id}/workspace-jobs/{job_id}', { job_id: answer['job_id'] }),
    status: ShowJobResponse,
  },
  instance({ action: 'scale', parameters: { replica: 3 } }),
  instance({ action: 'rollback', parameters: { version: '1.0.1' } }),
  instance({ action: 'start' }),
  instance({ action: 'stop' }),
  instance({ action: 'restart' }),
];

/** Reads `value` as `type`; wrong types and fields the model lacks go to `problems`, every field read to `seen`. */
function read(type: Type, value: unknown, at: string, seen: Set<string>, problems: string[]): void {
  if (Array.isArray(type)) {
    if (!Array.isArray(value)) return void problems.push(`${at}: ${JSON.stringify(value)} is not an array`);
    return value.forEach((item, i) => read(type[0], item, `${at}[${i}]`, seen, problems));
  }
  if (typeof type === 'object') {
    const model = type as Model;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${at}: not an object (${model.name})`);
    for (const [key, field] of Object.entries(value)) {
      if (!(key in model.fields)) problems.push(`${at}.${key}: not a field of ${model.name}`);
      else {
        seen.add(`${model.name}.${key}`);
        read(model.fields[key]!, field, `${at}.${key}`, seen, problems);
      }
    }
    return;
  }
  const ok =
    type === 'integer' ? Number.isSafeInteger(value) : type === 'date-time' ? typeof value === 'string' && !Number.isNaN(Date.parse(value)) : typeof value === 'string';
  if (!ok) problems.push(`${at}: ${JSON.stringify(value)} is not ${type === 'integer' ? 'an integer' : `a ${type}`}`);
}

/** Every field of the model and of the models inside it, as `Model.field`. */
function fieldsOf(type: Type, into = new Set<string>()): Set<string> {
  if (Array.isArray(type)) return fieldsOf(type[0], into);
  if (typeof type !== 'object') return into;
  const model = type as Model;
  for (const [key, field] of Object.entries(model.fields)) {
    into.add(`${model.name}.${key}`);
    fieldsOf(field, into);
  }
  return into;
}

let mock: RunningMock;
let sdk: SdkClient;
beforeAll(async () => {
  mock = await startMock({ jobs: { polls: 3 } });
  const credentials = new core.BasicCredentials().withAk('AK1234567890EXAMPLE').withSk('sk-example-secret').withProjectId(PROJECT);
  sdk = new core.ClientBuilder((client: SdkClient) => client).withCredential(credentials).withEndpoint(mock.url).build();
});
afterAll(() => mock?.stop());

/** One call through the SDK core, with X-Mock-Job set as a test would (a header the generated clients pass through). */
async function call(options: ReturnType<typeof request>, control?: string): Promise<Record<string, unknown>> {
  const answer = await sdk.sendRequest({ ...options, headers: { ...options.headers, ...(control && { 'X-Mock-Job': control }) } });
  const { httpStatusCode, ...body } = answer; // the core adds the status to the body it hands back
  expect(httpStatusCode).toBe(200);
  return body;
}

describe('all nine operations through the official SDK core, read with the SDK models', () => {
  it.each(ACTIONS)('$name: the answer and every status answer until the job ends, succeeding and failing', async (action) => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const control of ['succeed; polls=3', 'fail; code=ERR.0001; polls=3', 'fail; code=ERR.0002; polls=0']) {
      const started = await call(action.start, control);
      read(model(`${action.name}Response`, action.answer), started, 'answer', seen, problems);
      for (let poll = 0; poll < 5; poll++) read(action.status, await call(action.follow(started)), `poll ${poll + 1}`, seen, problems);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    const unsent = [...fieldsOf(action.status), ...Object.keys(action.answer).map((key) => `${action.name}Response.${key}`)].filter((field) => !seen.has(field));
    expect(unsent, 'fields of the models the mock never sent').toEqual([]);
  });
});
