import { createWorkspaceClient } from 'huaweicloud-job-actions';

const workspace = createWorkspaceClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

const { body } = await workspace.listScriptTasks({ taskId: '0000000059071dbc01591661d3990019' });
for (const task of body.script_tasks) {
  console.log(`Task ${task.id}: ${task.status} (${task.success_num} succeeded, ${task.failed_num} failed)`);
}
