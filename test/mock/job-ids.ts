/** Where each action's answer holds its job's ID, and the shape a fresh ID has (that of the documented examples). */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const JOB_IDS: Record<string, { field: string; shape: RegExp }> = {
  RetryEngine: { field: 'jobId', shape: /^[1-9][0-9]{0,18}$/ }, // an integer; its digits
  UpgradeEngine: { field: 'jobId', shape: /^[1-9][0-9]{0,18}$/ },
  RetryScriptExecution: { field: 'task_id', shape: /^[0-9a-f]{32}$/ }, // 0000000059071dbc01591661d3990019
  RunActionsOnWorkspaceJob: { field: 'job_id', shape: new RegExp(`^${UUID}$`) }, // 0e2dae94-23ff-449a-bb9c-1b808cf2106d
  UpdateInstanceAction: { field: 'job_id', shape: new RegExp(`^JOB${UUID}$`) }, // JOB66761060-f209-407c-a093-4df6f531b9dc
};

/**
 * The action's answer as the job simulation gives it: the documented example with a fresh job ID
 * (and, for CSE, the engine of the request's path as `id`).
 */
export function expectedStart(operationId: string, documented: Record<string, unknown>, answer: Record<string, unknown>, engineId?: string): Record<string, unknown> {
  const { field } = JOB_IDS[operationId]!;
  return { ...documented, [field]: answer[field], ...(engineId !== undefined && { id: engineId }) };
}
