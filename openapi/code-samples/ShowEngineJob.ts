// Look at a job, then follow it.
import { createCseClient, type JobHandle } from 'huaweicloud-job-actions';

const cse = createCseClient({
  region: 'cn-north-4',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  auth: { token: process.env.HUAWEICLOUD_TOKEN! },
});

const { body } = await cse.showEngineJob({
  engineId: '4a1bc63d-4719-4bd3-b1ad-5ee590b05e87',
  jobId: '18638',
});
console.log(`Job ${body.id}: ${body.status}`);

// waitForJob calls ShowEngineJob until the job ends. Its handle is the
// `job` that retryEngine or upgradeEngine returned (one stored as JSON
// is read back with parseJobHandle).
const job: JobHandle<'cse'> = {
  service: 'cse',
  operation: 'UpgradeEngine',
  projectId: '2a473356cca5487f8373be891bffc1cf',
  engineId: '4a1bc63d-4719-4bd3-b1ad-5ee590b05e87',
  jobId: '18638',
};
const done = await cse.waitForJob(job, { timeout: 30 * 60_000 });
console.log(`Job ${done.body.id} ended: ${done.status}`);
