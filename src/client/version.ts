/** This package's version; test/consumer/tarballs.test.ts keeps it equal to package.json's. */
export const VERSION = '0.1.0';

/** Sent as `User-Agent` so the provider (and any proxy) can tell this client's calls apart. */
export const USER_AGENT = `huaweicloud-job-actions/${VERSION}`;
