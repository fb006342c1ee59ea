import { createCseClient } from 'huaweicloud-job-actions';

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
