/**
 * Job IDs, and the job handles that carry them. A handle read from JSON is untrusted input, and its
 * IDs go into request paths and headers: its job ID must be what the spec allows (which rules out
 * dot segments, slashes, control characters and whitespace), and the IDs the caller gave the action
 * (project, engine, enterprise project) what the operation functions accept as arguments; anything
 * else is a TypeError naming the field. The same rules decide, when an action answers, whether its
 * job ID can be followed at all: the client hands out no handle it would refuse (see `unfollowable`).
 */
import { headerValue, isRecord, pathSegment, shown } from './check.js';
import type { Service } from './endpoints.js';
import type { AnyJobHandle, JobHandle, Operations } from './job.js';

const SERVICE_NAMES: Record<Service, string> = { cse: 'CSE', workspace: 'Workspace', servicestage: 'ServiceStage' };

const OPERATIONS: { [S in Service]: readonly Operations[S][] } = {
  cse: ['RetryEngine', 'UpgradeEngine'],
  workspace: ['RetryScriptExecution', 'RunActionsOnWorkspaceJob'],
  servicestage: ['UpdateInstanceAction'],
};

interface IdRule {
  pattern: RegExp;
  maxLength: number;
  /** The rule in words, for error messages. */
  says: string;
}

/**
 * The spec's job ID (openapi/components/schemas/JobId.yaml): what the Workspace and ServiceStage
 * actions answer and what their status operations take, one schema for both. Visible ASCII without
 * `/` or `\`, not dots only. test/client/followed-handles.test.ts keeps these equal to the bundles.
 */
export const JOB_ID_PATTERN = String.raw`^\.*[\x21-\x2D\x30-\x5B\x5D-\x7E][\x21-\x2E\x30-\x5B\x5D-\x7E]*$`;
export const JOB_ID_MAX_LENGTH = 128;
/** CSE's `job_id` path parameter (CseJobIdPath.yaml): the decimal digits of the action's integer `jobId`. */
export const CSE_JOB_ID_PATTERN = '^[0-9]+$';
export const CSE_JOB_ID_MAX_LENGTH = 20;

const JOB_ID: IdRule = {
  pattern: new RegExp(JOB_ID_PATTERN),
  maxLength: JOB_ID_MAX_LENGTH,
  says: `1 to ${JOB_ID_MAX_LENGTH} visible ASCII characters without "/" or "\\", not dots only`,
};
const CSE_JOB_ID: IdRule = { pattern: new RegExp(CSE_JOB_ID_PATTERN), maxLength: CSE_JOB_ID_MAX_LENGTH, says: `1 to ${CSE_JOB_ID_MAX_LENGTH} decimal digits` };

/** The largest job ID CSE answers: its `jobId` is an int64. */
const INT64_MAX = '9223372036854775807';

function id(value: unknown, rule: IdRule, where: string): string {
  if (typeof value !== 'string' || value.length > rule.maxLength || !rule.pattern.test(value)) {
    throw new TypeError(`${where} must be ${rule.says} (got ${shown(value)})`);
  }
  return value;
}

/**
 * Why the job ID an action of `service` answered cannot be followed, or undefined when it can: a
 * CSE `jobId` (already plain digits) must fit the spec's int64, any other the spec's job ID. What
 * this accepts, `checkHandle` accepts too.
 */
export function unfollowable(service: Service, jobId: string): string | undefined {
  if (service === 'cse') {
    const tooBig = jobId.length > INT64_MAX.length || (jobId.length === INT64_MAX.length && jobId > INT64_MAX);
    return tooBig ? `is above ${INT64_MAX}, the largest job ID (an int64)` : undefined;
  }
  return jobId.length <= JOB_ID.maxLength && JOB_ID.pattern.test(jobId) ? undefined : `is not a job ID that can be followed (${JOB_ID.says})`;
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
  // The same limit as on an action's answer: a handle this accepts can be followed.
  const why = unfollowable(service, jobId);
  if (why) throw new TypeError(`${fn}: handle.jobId ${why} (got ${shown(jobId)})`);
  // Checked as the action checked them as arguments: a handle the client made is always accepted.
  const projectId = pathSegment(h['projectId'], `${fn}: handle.projectId`);
  if (service !== 'cse') return { service, operation, jobId, projectId } as JobHandle<S>;
  const engineId = pathSegment(h['engineId'], `${fn}: handle.engineId`);
  const enterprise = h['enterpriseProjectId'];
  const enterpriseProjectId = enterprise === undefined ? undefined : headerValue(enterprise, `${fn}: handle.enterpriseProjectId`);
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
