// Retry the task, wait for the new one.
import { createWorkspaceClient, JobFailedError } from 'huaweicloud-job-actions';

const workspace = createWorkspaceClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

const { job } = await workspace.retryWorkspaceJob({
  jobId: '6783cecb-0e5c-4521-a3ea-825f551c1ba9',
});
console.log(`Retrying the task: new task ${job.jobId}`);

// waitForJob calls ShowJob until the task is SUCCESS (resolves)
// or FAILED (rejects with JobFailedError).
try {
  const done = await workspace.waitForJob(job, {
    timeout: 30 * 60_000,
    onProgress: ({ status }) => console.log(status),
  });
  console.log(`Retried: ${done.status}`);
} catch (error) {
  if (!(error instanceof JobFailedError)) throw error;
  console.error(`The task failed: ${error.code}: ${error.reason}`);
}
