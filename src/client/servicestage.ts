/** ServiceStage: start, stop, restart, scale or roll back a component instance, and follow the job. */
import type { Client } from 'openapi-fetch';
import type { operations, paths } from '../../generated/types/servicestage.js';
import { argsOf, nonEmpty, optionalNonEmpty, pathSegment } from './check.js';
import { connectService, type CallOptions, type ClientOptions } from './client.js';
import { SERVICESTAGE_SERVER, type Endpoint, type ServiceStageRegion } from './endpoints.js';
import { follower, type GetJobOptions } from './follow.js';
import { serviceStageJobReading } from './job-state.js';
import type { JobHandle, JobResult, JobStatus } from './job.js';
import type { WaitOptions } from './wait.js';

/**
 * `{ action, parameters }`: `start`/`stop`/`restart` need no parameters, `scale` needs
 * `parameters.replica`, `rollback` needs `parameters.version`.
 */
export type InstanceAction = operations['UpdateInstanceAction']['requestBody']['content']['application/json'];
export type InstanceActionJob = operations['UpdateInstanceAction']['responses'][200]['content']['application/json'];

/** Body of `ShowJobDetail`: the job (UPPER-CASE keys) and its tasks. */
export type ServiceStageJobDetail = operations['ShowJobDetail']['responses'][200]['content']['application/json'];

export interface ShowJobDetailArgs extends CallOptions {
  /** ID of the job: a `runInstanceAction` handle's `jobId`. */
  jobId: string;
  /** Only the tasks of this component instance. */
  instanceId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** Newest tasks first. */
  desc?: boolean | undefined;
}

export type ServiceStageClientOptions = Endpoint<ServiceStageRegion> & ClientOptions;

export type RunInstanceActionArgs = CallOptions & {
  applicationId: string;
  componentId: string;
  instanceId: string;
} & InstanceAction;

export interface ServiceStageClient {
  /**
   * Runs `action` on a component instance (`UpdateInstanceAction`, POST) and returns the job that
   * carries it out. Never retried automatically.
   */
  runInstanceAction(
    args: RunInstanceActionArgs,
  ): Promise<JobResult<InstanceActionJob, 'servicestage', 'UpdateInstanceAction'>>;
  /** Shows a ServiceStage job and its tasks (`ShowJobDetail`, GET). */
  showJobDetail(args: ShowJobDetailArgs): Promise<{ body: ServiceStageJobDetail; requestId: string | undefined }>;
  /** One look at the job `runInstanceAction` started: `ShowJobDetail`, read as running, succeeded or failed. */
  getJob(job: JobHandle<'servicestage'>, options?: GetJobOptions): Promise<JobStatus<ServiceStageJobDetail>>;
  /** Polls `getJob` until the job ends: resolves when it succeeded, rejects with JobFailedError or JobTimeoutError. */
  waitForJob(job: JobHandle<'servicestage'>, options?: WaitOptions<ServiceStageJobDetail>): Promise<JobStatus<ServiceStageJobDetail>>;
  /** The openapi-fetch client, typed with ServiceStage's paths only, with this client's auth and options. */
  readonly raw: Client<paths>;
}

export function createServiceStageClient(options: ServiceStageClientOptions): ServiceStageClient {
  const ss = connectService<paths>('servicestage', SERVICESTAGE_SERVER, 'createServiceStageClient', options);

  async function showJobDetail(args: ShowJobDetailArgs) {
    const fn = 'showJobDetail';
    const { jobId, instanceId, limit, offset, desc, ...call } = argsOf(args, fn);
    if (desc !== undefined && typeof desc !== 'boolean') throw new TypeError(`${fn}: desc must be a boolean`);
    const outcome = await ss.api.GET('/v2/{project_id}/cas/jobs/{job_id}', {
      params: {
        path: { project_id: ss.projectId(call, fn), job_id: pathSegment(jobId, `${fn}: jobId`) },
        query: {
          instance_id: optionalNonEmpty(instanceId, `${fn}: instanceId`),
          limit,
          offset,
          desc: desc === undefined ? undefined : desc ? 'true' : 'false',
        },
      },
      ...ss.init('ShowJobDetail', call, fn),
    });
    const { body, requestId } = ss.parsed('ShowJobDetail', outcome);
    return { body: body as ServiceStageJobDetail, requestId };
  }

  const follow = follower<'servicestage', GetJobOptions>(
    'servicestage',
    ss.redact,
    (job, options) => showJobDetail({ ...options, jobId: job.jobId, projectId: job.projectId }),
    (_job, body) => serviceStageJobReading(body),
  );

  return {
    raw: ss.raw,
    showJobDetail,
    getJob: follow.getJob as ServiceStageClient['getJob'],
    waitForJob: follow.waitForJob as ServiceStageClient['waitForJob'],

    async runInstanceAction(args) {
      const fn = 'runInstanceAction';
      const { applicationId, componentId, instanceId, action, parameters, ...call } = argsOf(args, fn);
      const projectId = ss.projectId(call, fn);
      const outcome = await ss.api.POST(
        '/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}/action',
        {
          params: {
            path: {
              project_id: projectId,
              application_id: pathSegment(applicationId, `${fn}: applicationId`),
              component_id: pathSegment(componentId, `${fn}: componentId`),
              instance_id: pathSegment(instanceId, `${fn}: instanceId`),
            },
          },
          // Rebuilt from the checked union, so only `action` and `parameters` are sent.
          body: { action, parameters } as InstanceAction,
          ...ss.init('UpdateInstanceAction', call, fn),
        },
      );
      const { body, jobId, requestId } = ss.success<InstanceActionJob>('UpdateInstanceAction', outcome, 'job_id');
      return { body, requestId, job: { service: 'servicestage', operation: 'UpdateInstanceAction', jobId, projectId } };
    },
  };
}
