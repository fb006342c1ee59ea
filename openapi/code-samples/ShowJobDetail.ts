import { createServiceStageClient } from 'huaweicloud-job-actions';

const serviceStage = createServiceStageClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

const { body } = await serviceStage.showJobDetail({ jobId: '0e2dae94-23ff-449a-bb9c-1b808cf2106d' });
console.log(`Job ${body.job.JOB_ID}: ${body.job.EXECUTION_STATUS}`);
