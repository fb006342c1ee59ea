// Look at a job, then follow it.
import { createServiceStageClient, type JobHandle } from 'huaweicloud-job-actions';

const serviceStage = createServiceStageClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

const { body } = await serviceStage.showJobDetail({
  jobId: '0e2dae94-23ff-449a-bb9c-1b808cf2106d',
});
console.log(`Job ${body.job.JOB_ID}: ${body.job.EXECUTION_STATUS}`);

// waitForJob calls ShowJobDetail until the job ends. Its handle is the
// `job` that runInstanceAction returned (one stored as JSON is read back
// with parseJobHandle).
const job: JobHandle<'servicestage'> = {
  service: 'servicestage',
  operation: 'UpdateInstanceAction',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  jobId: '0e2dae94-23ff-449a-bb9c-1b808cf2106d',
};
const done = await serviceStage.waitForJob(job, {
  timeout: 30 * 60_000,
});
console.log(`Job ${done.body.job.JOB_ID} ended: ${done.status}`);
