/** Shared values and the spec-derived table of the five operations, for the client tests. */
import { readFileSync } from 'node:fs';
import {
  createCseClient,
  createServiceStageClient,
  createWorkspaceClient,
  type AkSkAuth,
  type Auth,
  type ClientOptions,
} from '../../src/index.js';

// Obviously fake credentials; tests check that none of them ever shows up in an error.
export const TOKEN = 'MIIEXAMPLE-fake-iam-token-0123456789abcdef-not-real';
export const AKSK = {
  accessKey: 'HPUAEXAMPLEAK000002',
  secretKey: 'fakeSecretKey1111ExampleOnly1111NotReal11',
  securityToken: 'gQpjbi1ub3J0aC00EXAMPLE-sts-token-not-real==',
} satisfies AkSkAuth;
export const SECRETS = [TOKEN, AKSK.accessKey, AKSK.secretKey, AKSK.securityToken];
/** Both ways of signing in, named for test titles. */
export const AUTHS: [string, Auth][] = [
  ['a token', { token: TOKEN }],
  ['AK/SK with a security token', AKSK],
];

export const PROJECT = '2a473356cca5487f8373be891bffc1cf';
export const ENGINE = '4a1bc63d-4719-4bd3-b1ad-5ee590b05e87';
export const WORKSPACE_JOB = '0e2dae94-23ff-449a-bb9c-1b808cf2106d';
export const RECORD = '0000000059071dbc01591661d3990020';
export const TASK = '0000000059071dbc01591661d3990019';
export const APP = 'a1b2c3d4-0000-4000-8000-000000000001';
export const COMPONENT = 'a1b2c3d4-0000-4000-8000-000000000002';
export const INSTANCE = 'a1b2c3d4-0000-4000-8000-000000000003';

export function clients(baseUrl: string, auth: Auth = { token: TOKEN }, extra: Partial<ClientOptions> = {}) {
  const options = { baseUrl, projectId: PROJECT, auth, ...extra };
  return {
    cse: createCseClient(options),
    workspace: createWorkspaceClient(options),
    servicestage: createServiceStageClient(options),
  };
}
export type Clients = ReturnType<typeof clients>;

type Json = Record<string, any>;

/** A service's bundle, as committed in generated/. */
export function bundle(service: string): Json {
  return JSON.parse(readFileSync(new URL(`../../generated/${service}.openapi.json`, import.meta.url), 'utf8'));
}

/** Follows a local `$ref` within the bundle. */
export function deref(doc: Json, node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  return node.$ref.slice(2).split('/').reduce((at: Json, key: string) => at[key], doc);
}

export interface OperationCase {
  service: 'cse' | 'workspace' | 'servicestage';
  operationId: string;
  /** The client function that makes the call. */
  fn: string;
  method: 'PUT' | 'POST';
  /** Each path argument (a call option) with the value `call` uses unless overridden. */
  pathArgs: Record<string, string>;
  /** The path the call must request. */
  path: string;
  /** The body the call must send. */
  requestBody: unknown;
  /** Where the body holds the job ID. */
  jobIdField: string;
  /** What the job handle carries besides service, operation and jobId: where the job runs. */
  handleExtras: Record<string, string>;
  /** Makes the call with the given clients; extra call options are passed through. */
  call(c: Clients, options?: Json): Promise<{ body: unknown; job: Json; requestId: string | undefined }>;
}

export const OPERATIONS: OperationCase[] = [
  {
    service: 'cse',
    operationId: 'RetryEngine',
    fn: 'retryEngine',
    method: 'PUT',
    pathArgs: { projectId: PROJECT, engineId: ENGINE },
    path: `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/actions`,
    requestBody: { action: 'Retry' },
    jobIdField: 'jobId',
    handleExtras: { projectId: PROJECT, engineId: ENGINE },
    call: (c, o) => c.cse.retryEngine({ engineId: ENGINE, ...o }),
  },
  {
    service: 'cse',
    operationId: 'UpgradeEngine',
    fn: 'upgradeEngine',
    method: 'PUT',
    pathArgs: { projectId: PROJECT, engineId: ENGINE },
    path: `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/upgrade`,
    requestBody: { version: '2.4.0' },
    jobIdField: 'jobId',
    handleExtras: { projectId: PROJECT, engineId: ENGINE },
    call: (c, o) => c.cse.upgradeEngine({ engineId: ENGINE, version: '2.4.0', ...o }),
  },
  {
    service: 'workspace',
    operationId: 'RetryScriptExecution',
    fn: 'retryScriptExecution',
    method: 'POST',
    pathArgs: { projectId: PROJECT },
    path: `/v2/${PROJECT}/script-executions/retry`,
    requestBody: { record_id: RECORD, task_id: TASK },
    jobIdField: 'task_id',
    handleExtras: { projectId: PROJECT },
    call: (c, o) => c.workspace.retryScriptExecution({ recordId: RECORD, taskId: TASK, ...o }),
  },
  {
    service: 'workspace',
    operationId: 'RunActionsOnWorkspaceJob',
    fn: 'retryWorkspaceJob',
    method: 'POST',
    pathArgs: { projectId: PROJECT, jobId: WORKSPACE_JOB },
    path: `/v2/${PROJECT}/workspace-jobs/${WORKSPACE_JOB}/actions`,
    requestBody: { op_type: 'retry' },
    jobIdField: 'job_id',
    handleExtras: { projectId: PROJECT },
    call: (c, o) => c.workspace.retryWorkspaceJob({ jobId: WORKSPACE_JOB, ...o }),
  },
  {
    service: 'servicestage',
    operationId: 'UpdateInstanceAction',
    fn: 'runInstanceAction',
    method: 'POST',
    pathArgs: { projectId: PROJECT, applicationId: APP, componentId: COMPONENT, instanceId: INSTANCE },
    path: `/v2/${PROJECT}/cas/applications/${APP}/components/${COMPONENT}/instances/${INSTANCE}/action`,
    requestBody: { action: 'scale', parameters: { replica: 4 } },
    jobIdField: 'job_id',
    handleExtras: { projectId: PROJECT },
    call: (c, o) =>
      c.servicestage.runInstanceAction({
        applicationId: APP,
        componentId: COMPONENT,
        instanceId: INSTANCE,
        action: 'scale',
        parameters: { replica: 4 },
        ...o,
      }),
  },
];

/** A 200 body every operation accepts: it has each operation's job ID field. */
export const ANY_JOB = { id: 'e', name: 'n', jobId: 7, task_id: 'job-7', job_id: 'job-7' };

export const PUT_OPERATIONS = OPERATIONS.filter((o) => o.method === 'PUT');
export const POST_OPERATIONS = OPERATIONS.filter((o) => o.method === 'POST');

export interface DocumentedResponse {
  status: number;
  example: string;
  body: Json;
}

/** Every response the operation documents, with each named example, from its bundle. */
export function documentedResponses(op: Pick<OperationCase, 'service' | 'operationId'>): DocumentedResponse[] {
  const doc = bundle(op.service);
  const operation = Object.values(doc.paths as Json)
    .flatMap((item: Json) => Object.values(item))
    .find((o: Json) => o.operationId === op.operationId) as Json;
  return Object.entries(operation.responses as Json).flatMap(([status, response]) =>
    Object.entries(deref(doc, response).content['application/json'].examples as Json).map(([example, value]) => ({
      status: Number(status),
      example,
      body: deref(doc, value as Json).value,
    })),
  );
}
