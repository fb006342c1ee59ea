/** Cloud Service Engine (CSE): retry or upgrade a microservice engine. */
import type { Client } from 'openapi-fetch';
import type { operations, paths } from '../generated/types/cse.js';
import { argsOf, nonEmpty, optionalHeaderValue, pathSegment } from './check.js';
import { connectService, type CallOptions, type ClientOptions } from './client.js';
import type { CseRegion, Endpoint } from './endpoints.js';
import type { JobResult } from './job.js';

/** Body of both CSE answers: the engine, and the integer ID of the job started on it. */
export type EngineJob = operations['RetryEngine']['responses'][200]['content']['application/json'];
export type UpgradeEngineRequest = operations['UpgradeEngine']['requestBody']['content']['application/json'];

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

export interface CseClient {
  /** Retries the last failed job of an exclusive ServiceComb engine (`RetryEngine`, PUT). */
  retryEngine(args: RetryEngineArgs): Promise<JobResult<EngineJob, 'cse', 'RetryEngine'>>;
  /** Upgrades a microservice engine to `version` (`UpgradeEngine`, PUT). */
  upgradeEngine(args: UpgradeEngineArgs): Promise<JobResult<EngineJob, 'cse', 'UpgradeEngine'>>;
  /** The openapi-fetch client, typed with CSE's paths only, with this client's auth and options. */
  readonly raw: Client<paths>;
}

export function createCseClient(options: CseClientOptions): CseClient {
  const cse = connectService<paths>('cse', 'createCseClient', options);
  const clientEnterpriseProject = optionalHeaderValue(options.enterpriseProjectId, 'createCseClient: enterpriseProjectId');
  const header = (call: CseCallOptions, fn: string) => ({
    'X-Enterprise-Project-ID':
      optionalHeaderValue(call.enterpriseProjectId, `${fn}: enterpriseProjectId`) ?? clientEnterpriseProject,
  });

  return {
    raw: cse.raw,

    async retryEngine(args) {
      const fn = 'retryEngine';
      const { engineId, ...call } = argsOf(args, fn);
      const outcome = await cse.raw.PUT('/v2/{project_id}/enginemgr/engines/{engine_id}/actions', {
        params: {
          path: { project_id: cse.projectId(call, fn), engine_id: pathSegment(engineId, `${fn}: engineId`) },
          header: header(call, fn),
        },
        body: { action: 'Retry' },
        ...cse.init('RetryEngine', call, fn),
      });
      const { body, jobId, requestId } = cse.success<EngineJob>('RetryEngine', outcome, 'jobId');
      return { body, requestId, job: { service: 'cse', operation: 'RetryEngine', jobId } };
    },

    async upgradeEngine(args) {
      const fn = 'upgradeEngine';
      const { engineId, version, ...call } = argsOf(args, fn);
      const outcome = await cse.raw.PUT('/v2/{project_id}/enginemgr/engines/{engine_id}/upgrade', {
        params: {
          path: { project_id: cse.projectId(call, fn), engine_id: pathSegment(engineId, `${fn}: engineId`) },
          header: header(call, fn),
        },
        body: { version: nonEmpty(version, `${fn}: version`) },
        ...cse.init('UpgradeEngine', call, fn),
      });
      const { body, jobId, requestId } = cse.success<EngineJob>('UpgradeEngine', outcome, 'jobId');
      return { body, requestId, job: { service: 'cse', operation: 'UpgradeEngine', jobId } };
    },
  };
}
