/** The request the client and start benchmarks send (RetryEngine), and the IDs and credentials they use. */

export const PROJECT_ID = "2a473356cca5487f8373be891bffc1cf";
export const ENGINE_ID = "4a1bc63d-4719-4bd3-b1ad-5ee590b05e87";
export const RETRY_ENGINE_PATH = `/v2/${PROJECT_ID}/enginemgr/engines/${ENGINE_ID}/actions`;
/** A made-up token: the mock and the bare server accept any. */
export const TOKEN = "bench-token";
/** A made-up key pair: the bare server checks no signature. */
export const ACCESS_KEY = "BENCHACCESSKEY0000000";
export const SECRET_KEY = "bench-secret-key-not-a-real-one-0000000";
export const VALID_BODY = JSON.stringify({ action: "Retry" });
