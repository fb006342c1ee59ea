// Look at a job, then follow it.
import { createWorkspaceClient, type JobHandle } from 'huaweicloud-job-actions';

const workspace = createWorkspaceClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

const { body } = await workspace.showJob({
  jobId: '0e2dae94-23ff-449a-bb9c-1b808cf2106d',
});
console.log(`Job ${body.id}: ${body.status}`);

// waitForJob calls ShowJob until the job ends. Its handle is the `job`
// that retryWorkspaceJob returned (one stored as JSON is read back with
// parseJobHandle).
const job: JobHandle<'workspace', 'RunActionsOnWorkspaceJob'> = {
  service: 'workspace',
  operation: 'RunActionsOnWorkspaceJob',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  jobId: '0e2dae94-23ff-449a-bb9c-1b808cf2106d',
};
const done = await workspace.waitForJob(job, { timeout: 30 * 60_000 });
console.log(`Job ${done.body.id} ended: ${done.status}`);
