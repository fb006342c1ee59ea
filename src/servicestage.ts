/** ServiceStage: start, stop, restart, scale or roll back a component instance. */
import type { Client } from 'openapi-fetch';
import type { operations, paths } from '../generated/types/servicestage.js';
import { argsOf, pathSegment } from './check.js';
import { connectService, type CallOptions, type ClientOptions } from './client.js';
import type { Endpoint, ServiceStageRegion } from './endpoints.js';
import type { JobResult } from './job.js';

/**
 * `{ action, parameters }`: `start`/`stop`/`restart` need no parameters, `scale` needs
 * `parameters.replica`, `rollback` needs `parameters.version`.
 */
export type InstanceAction = operations['UpdateInstanceAction']['requestBody']['content']['application/json'];
export type InstanceActionJob = operations['UpdateInstanceAction']['responses'][200]['content']['application/json'];

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
  /** The openapi-fetch client, typed with ServiceStage's paths only, with this client's auth and options. */
  readonly raw: Client<paths>;
}

export function createServiceStageClient(options: ServiceStageClientOptions): ServiceStageClient {
  const ss = connectService<paths>('servicestage', 'createServiceStageClient', options);

  return {
    raw: ss.raw,

    async runInstanceAction(args) {
      const fn = 'runInstanceAction';
      const { applicationId, componentId, instanceId, action, parameters, ...call } = argsOf(args, fn);
      const outcome = await ss.raw.POST(
        '/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}/action',
        {
          params: {
            path: {
              project_id: ss.projectId(call, fn),
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
      return { body, requestId, job: { service: 'servicestage', operation: 'UpdateInstanceAction', jobId } };
    },
  };
}
