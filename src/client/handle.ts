/**
 * Checks job handles, which may come back from storage: a handle read from JSON is untrusted input,
 * and its IDs go into request paths. Each ID must look like the IDs the spec allows in those paths
 * (letters, digits, `-` and `_`; CSE job IDs digits only), which rules out dot segments, slashes,
 * percent escapes, control characters and whitespace; anything else is a TypeError naming the field.
 */
import { isRecord, shown } from './check.js';
import type { Service } from './endpoints.js';
import type { AnyJobHandle, JobHandle, Operations } from './job.js';

const SERVICE_NAMES: Record<Service, string> = { cse: 'CSE', workspace: 'Workspace', servicestage: 'ServiceStage' };

const OPERATIONS: { [S in Service]: readonly Operations[S][] } = {
  cse: ['RetryEngine', 'UpgradeEngine'],
  workspace: ['RetryScriptExecution', 'RunActionsOnWorkspaceJob'],
  servicestage: ['UpdateInstanceAction'],
};

/** The spec's path-parameter patterns (openapi/components/parameters/*.yaml). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const JOB_ID = /^[A-Za-z0-9_-]{1,128}$/;
const CSE_JOB_ID = /^[0-9]{1,20}$/;

function id(value: unknown, pattern: RegExp, where: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new TypeError(`${where} must be a string matching ${pattern.source} (got ${shown(value)})`);
  }
  return value;
}

/**
 * The handle, checked, as a fresh object holding only its known fields. `service` must be the
 * client's: a handle of another service is a TypeError naming both.
 */
export function checkHandle<S extends Service>(value: unknown, service: S, fn: string): JobHandle<S> {
  if (!isRecord(value)) {
    throw new TypeError(`${fn}: expects a job handle { service, operation, jobId, projectId } (got ${shown(value)})`);
  }
  const h = value as Record<string, unknown>;
  if (h['service'] !== service) {
    const theirs = typeof h['service'] === 'string' && Object.hasOwn(SERVICE_NAMES, h['service'] as string) ? SERVICE_NAMES[h['service'] as Service] : undefined;
    throw new TypeError(
      theirs
        ? `${fn}: this is the ${SERVICE_NAMES[service]} client, but the handle is a ${theirs} job (${shown(h['operation'])}); use the ${theirs} client`
        : `${fn}: this is the ${SERVICE_NAMES[service]} client, but the handle's service is ${shown(h['service'])}`,
    );
  }
  const operations = OPERATIONS[service] as readonly string[];
  const operation = h['operation'];
  if (typeof operation !== 'string' || !operations.includes(operation)) {
    throw new TypeError(`${fn}: handle.operation must be one of ${operations.join(', ')} (got ${shown(operation)})`);
  }
  const jobId = id(h['jobId'], service === 'cse' ? CSE_JOB_ID : JOB_ID, `${fn}: handle.jobId`);
  const projectId = id(h['projectId'], ID, `${fn}: handle.projectId`);
  if (service !== 'cse') return { service, operation, jobId, projectId } as JobHandle<S>;
  const engineId = id(h['engineId'], ID, `${fn}: handle.engineId`);
  const enterprise = h['enterpriseProjectId'];
  const enterpriseProjectId = enterprise === undefined ? undefined : id(enterprise, ID, `${fn}: handle.enterpriseProjectId`);
  return { service, operation, jobId, projectId, engineId, ...(enterpriseProjectId && { enterpriseProjectId }) } as unknown as JobHandle<S>;
}

/** A handle read back from storage (`JSON.parse` output), checked; a TypeError says what is wrong. */
export function parseJobHandle(value: unknown): AnyJobHandle {
  const service = (value as { service?: unknown } | null)?.service;
  if (typeof service !== 'string' || !Object.hasOwn(SERVICE_NAMES, service)) {
    throw new TypeError(`parseJobHandle: handle.service must be one of cse, workspace, servicestage (got ${shown(service)})`);
  }
  return checkHandle(value, service as Service, 'parseJobHandle') as AnyJobHandle;
}

export function serviceName(service: Service): string {
  return SERVICE_NAMES[service];
}
