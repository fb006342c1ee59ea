// Retry the script, wait for the task.
import { createWorkspaceClient, JobFailedError } from 'huaweicloud-job-actions';

const workspace = createWorkspaceClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

// Either ID identifies the execution; pass both when you have them.
const { job } = await workspace.retryScriptExecution({
  recordId: '0000000059071dbc01591661d3990020',
  taskId: '0000000059071dbc01591661d3990019',
});
console.log(`Retrying the script execution: task ${job.jobId}`);

// waitForJob calls ListScriptTasks until the task has finished; it
// rejects with JobFailedError if the script failed on any desktop.
try {
  const done = await workspace.waitForJob(job, {
    timeout: 30 * 60_000,
    onProgress: ({ progress }) => console.log(`${progress ?? 0}% done`),
  });
  const [task] = done.body.script_tasks;
  console.log(`Succeeded on ${task?.success_num} desktops`);
} catch (error) {
  if (!(error instanceof JobFailedError)) throw error;
  console.error(`The script failed: ${error.reason}`);
}
