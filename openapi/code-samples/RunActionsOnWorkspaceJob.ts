import { createWorkspaceClient } from 'huaweicloud-job-actions';

const workspace = createWorkspaceClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

const { job } = await workspace.retryWorkspaceJob({
  jobId: '6783cecb-0e5c-4521-a3ea-825f551c1ba9',
});
console.log(`Retrying the task: new task ${job.jobId}`);
