/** Cloud Service Engine (CSE): retry or upgrade a microservice engine, and follow the job it starts. */
import type { Client } from 'openapi-fetch';
import type { operations, paths } from '../../generated/types/cse.js';
import { argsOf, nonEmpty, optionalHeaderValue, pathSegment } from './check.js';
import { connectService, type CallOptions, type ClientOptions } from './client.js';
import { CSE_SERVER, type CseRegion, type Endpoint } from './endpoints.js';
import { follower, type GetJobOptions } from './follow.js';
import { engineJobReading } from './job-state.js';
import type { JobHandle, JobResult, JobStatus } from './job.js';
import type { WaitOptions } from './wait.js';

/** Body of both CSE answers: the engine, and the integer ID of the job started on it. */
export type EngineJob = operations['RetryEngine']['responses'][200]['content']['application/json'];
export type UpgradeEngineRequest = operations['UpgradeEngine']['requestBody']['content']['application/json'];
/** Body of `ShowEngineJob`: the job, its steps and their tasks. */
export type EngineJobDetail = operations['ShowEngineJob']['responses'][200]['content']['application/json'];

export type CseClientOptions = Endpoint<CseRegion> &
  ClientOptions & {
    /** Sent as `X-Enterprise-Project-ID` on every CSE call unless a call passes its own. */
    enterpriseProjectId?: string | undefined;
  };

export interface CseCallOptions extends CallOptions {
  /** Sent as `X-Enterprise-Project-ID`; overrides the client's. The service defaults to `0`. */
  enterpriseProjectId?: string | undefined;
}

export interface RetryEngineArgs extends CseCallOptions {
  engineId: string;
}

export interface UpgradeEngineArgs extends CseCallOptions {
  engineId: string;
  /** Target version, at most 24 characters. */
  version: UpgradeEngineRequest['version'];
}

export interface ShowEngineJobArgs extends CseCallOptions {
  engineId: string;
  /** The job's ID as a string of decimal digits: the handle's `jobId`, or `String(body.jobId)`. */
  jobId: string;
}

/** `getJob` options; the project and the engine come from the handle. */
export interface CseGetJobOptions extends GetJobOptions {
  /** Overrides the handle's (and the client's) `X-Enterprise-Project-ID`. */
  enterpriseProjectId?: string | undefined;
}

export interface CseClient {
  /** Retries the last failed job of an exclusive ServiceComb engine (`RetryEngine`, PUT). */
  retryEngine(args: RetryEngineArgs): Promise<JobResult<EngineJob, 'cse', 'RetryEngine'>>;
  /** Upgrades a microservice engine to `version` (`UpgradeEngine`, PUT). */
  upgradeEngine(args: UpgradeEngineArgs): Promise<JobResult<EngineJob, 'cse', 'UpgradeEngine'>>;
  /** Shows an engine job, its steps and tasks (`ShowEngineJob`, GET; retried like the PUTs when `retry` is on). */
  showEngineJob(args: ShowEngineJobArgs): Promise<{ body: EngineJobDetail; requestId: string | undefined }>;
  /** One look at the job a CSE action started: `ShowEngineJob`, read as running, succeeded or failed. */
  getJob(job: JobHandle<'cse'>, options?: CseGetJobOptions): Promise<JobStatus<EngineJobDetail>>;
  /** Polls `getJob` until the job ends: resolves when it succeeded, rejects with JobFailedError or JobTimeoutError. */
  waitForJob(job: JobHandle<'cse'>, options?: WaitOptions<EngineJobDetail>): Promise<JobStatus<EngineJobDetail>>;
  /** The openapi-fetch client, typed with CSE's paths only, with this client's auth and options. */
  readonly raw: Client<paths>;
}

export function createCseClient(options: CseClientOptions): CseClient {
  const cse = connectService<paths>('cse', CSE_SERVER, 'createCseClient', options);
  const clientEnterpriseProject = optionalHeaderValue(options.enterpriseProjectId, 'createCseClient: enterpriseProjectId');
  const header = (call: CseCallOptions, fn: string) => ({
    'X-Enterprise-Project-ID':
      optionalHeaderValue(call.enterpriseProjectId, `${fn}: enterpriseProjectId`) ?? clientEnterpriseProject,
  });

  /** The handle of a job an action started: the project and engine it ran on, and the enterprise project it sent. */
  const handle = <O extends 'RetryEngine' | 'UpgradeEngine'>(
    operation: O,
    jobId: string,
    path: { project_id: string; engine_id: string },
    headers: { 'X-Enterprise-Project-ID': string | undefined },
  ): JobHandle<'cse', O> => {
    const enterpriseProjectId = headers['X-Enterprise-Project-ID'];
    return { service: 'cse', operation, jobId, projectId: path.project_id, engineId: path.engine_id, ...(enterpriseProjectId && { enterpriseProjectId }) };
  };

  async function showEngineJob(args: ShowEngineJobArgs) {
    const fn = 'showEngineJob';
    const { engineId, jobId, ...call } = argsOf(args, fn);
    const outcome = await cse.api.GET('/v2/{project_id}/enginemgr/engines/{engine_id}/jobs/{job_id}', {
      params: {
        path: {
          project_id: cse.projectId(call, fn),
          engine_id: pathSegment(engineId, `${fn}: engineId`),
          job_id: pathSegment(jobId, `${fn}: jobId`),
        },
        header: header(call, fn),
      },
      ...cse.init('ShowEngineJob', call, fn),
    });
    const { body, requestId } = cse.parsed('ShowEngineJob', outcome);
    return { body: body as EngineJobDetail, requestId };
  }

  const follow = follower<'cse', CseGetJobOptions>(
    'cse',
    cse.redact,
    (job, options) =>
      showEngineJob({
        enterpriseProjectId: job.enterpriseProjectId,
        ...options,
        engineId: job.engineId,
        jobId: job.jobId,
        projectId: job.projectId,
      }),
    (_job, body) => engineJobReading(body),
  );

  return {
    raw: cse.raw,
    showEngineJob,
    getJob: follow.getJob as CseClient['getJob'],
    waitForJob: follow.waitForJob as CseClient['waitForJob'],

    async retryEngine(args) {
      const fn = 'retryEngine';
      const { engineId, ...call } = argsOf(args, fn);
      const path = { project_id: cse.projectId(call, fn), engine_id: pathSegment(engineId, `${fn}: engineId`) };
      const headers = header(call, fn);
      const outcome = await cse.api.PUT('/v2/{project_id}/enginemgr/engines/{engine_id}/actions', {
        params: { path, header: headers },
        body: { action: 'Retry' },
        ...cse.init('RetryEngine', call, fn),
      });
      const { body, jobId, requestId } = cse.success<EngineJob>('RetryEngine', outcome, 'jobId');
      return { body, requestId, job: handle('RetryEngine', jobId, path, headers) };
    },

    async upgradeEngine(args) {
      const fn = 'upgradeEngine';
      const { engineId, version, ...call } = argsOf(args, fn);
      const path = { project_id: cse.projectId(call, fn), engine_id: pathSegment(engineId, `${fn}: engineId`) };
      const headers = header(call, fn);
      const outcome = await cse.api.PUT('/v2/{project_id}/enginemgr/engines/{engine_id}/upgrade', {
        params: { path, header: headers },
        body: { version: nonEmpty(version, `${fn}: version`) },
        ...cse.init('UpgradeEngine', call, fn),
      });
      const { body, jobId, requestId } = cse.success<EngineJob>('UpgradeEngine', outcome, 'jobId');
      return { body, requestId, job: handle('UpgradeEngine', jobId, path, headers) };
    },
  };
}
