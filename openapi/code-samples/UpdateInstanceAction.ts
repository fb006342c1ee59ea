// Scale the instance, wait for the job.
import { createServiceStageClient, JobFailedError } from 'huaweicloud-job-actions';

const serviceStage = createServiceStageClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

const { job } = await serviceStage.runInstanceAction({
  applicationId: 'a11f1a6f-0b2c-4a3e-9a0f-6f5d3c6e8b12',
  componentId: 'c5b2e3a4-7d8e-4f01-b2c3-d4e5f6a7b8c9',
  instanceId: 'e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9',
  action: 'scale',
  parameters: { replica: 4 },
});
console.log(`Scaling the instance: job ${job.jobId}`);

// waitForJob calls ShowJobDetail until the job is SUCCEEDED (resolves)
// or FAILED (rejects with JobFailedError).
try {
  const done = await serviceStage.waitForJob(job, {
    timeout: 30 * 60_000,
    onProgress: ({ status }) => console.log(status),
  });
  console.log(`Scaled: ${done.status}`);
} catch (error) {
  if (!(error instanceof JobFailedError)) throw error;
  console.error(`Scaling failed: ${error.reason}`);
}
