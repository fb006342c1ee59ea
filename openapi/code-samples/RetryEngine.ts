// Retry the engine, wait for the job.
import { createCseClient, JobFailedError } from 'huaweicloud-job-actions';

const cse = createCseClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

const { body, job } = await cse.retryEngine({
  engineId: '4a1bc63d-4719-4bd3-b1ad-5ee590b05e87',
});
console.log(`Retrying ${body.name}: job ${job.jobId}`);

// waitForJob calls ShowEngineJob until the job is Finished (resolves),
// or Error or Timeout (rejects with JobFailedError).
try {
  const done = await cse.waitForJob(job, {
    timeout: 30 * 60_000,
    onProgress: ({ status }) => console.log(status),
  });
  console.log(`Retried: ${done.status}`);
} catch (error) {
  if (!(error instanceof JobFailedError)) throw error;
  console.error(`The retry failed: ${error.code}: ${error.reason}`);
}
