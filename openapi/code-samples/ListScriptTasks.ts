// Look at a task, then follow it.
import { createWorkspaceClient, type JobHandle } from 'huaweicloud-job-actions';

const workspace = createWorkspaceClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

const { body } = await workspace.listScriptTasks({
  taskId: '0000000059071dbc01591661d3990019',
});
for (const task of body.script_tasks) {
  const { success_num = 0, failed_num = 0, skip_num = 0 } = task;
  const counted = success_num + failed_num + skip_num;
  const desktops = task.resource_ids?.length;
  console.log(`Task ${task.id}: ${task.status}, ${counted} of ${desktops} done`);
}

// waitForJob calls ListScriptTasks until the task has finished. Its handle
// is the `job` that retryScriptExecution returned (one stored as JSON is
// read back with parseJobHandle).
const job: JobHandle<'workspace', 'RetryScriptExecution'> = {
  service: 'workspace',
  operation: 'RetryScriptExecution',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  jobId: '0000000059071dbc01591661d3990019',
};
const done = await workspace.waitForJob(job, { timeout: 30 * 60_000 });
console.log(`Task ${job.jobId} ended: ${done.state}`);
