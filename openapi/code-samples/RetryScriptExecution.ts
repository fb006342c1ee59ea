import { createWorkspaceClient } from 'huaweicloud-job-actions';

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
