/**
 * Signing alone: our `signRequest` (one-shot: the credentials checked and the key imported per
 * call), the per-client signer on each hashing path, and the official core's `AKSKSigner.sign`,
 * each given the same RetryEngine request; optionally an older `signRequest` beside them.
 */
import { webSha256 } from "../../src/client/sha256.js";
import { akskSigner, signRequest } from "../../src/client/signer.js";
import { sdkCredentials, sdkSign, sdkSignable } from "./sdk-peer.js";
import { ACCESS_KEY, PROJECT_ID, RETRY_ENGINE_PATH, SECRET_KEY, VALID_BODY } from "./requests.js";
import { median } from "./stats.js";

type Sign = () => unknown;

const ORIGIN = "https://cse.cn-north-4.myhuaweicloud.com";

/** The signers, each given the same RetryEngine request (our X-Project-Id is the SDK's, set by its credentials). */
function signers(before: typeof signRequest | undefined): Record<string, Sign> {
  const creds = { accessKey: ACCESS_KEY, secretKey: SECRET_KEY };
  const request = {
    method: "PUT",
    url: `${ORIGIN}${RETRY_ENGINE_PATH}`,
    headers: new Headers({ "Content-Type": "application/json", "X-Project-Id": PROJECT_ID }),
    body: VALID_BODY,
  };
  const perClient = akskSigner(creds);
  const perClientWeb = akskSigner(creds, { sha256: webSha256 });
  const sdkRequest = sdkSignable(ORIGIN);
  const sdkCreds = sdkCredentials(ACCESS_KEY, SECRET_KEY);
  return {
    "signRequest (one-shot)": () => signRequest(request, creds),
    "client's signer (node:crypto)": () => perClient(request),
    "client's signer (Web Crypto)": () => perClientWeb(request),
    "AKSKSigner.sign": () => sdkSign(sdkRequest, sdkCreds),
    ...(before && { "before: signRequest": () => before(request, creds) }),
  };
}

/** µs per signature, each timed on its own: the median of each run; runs interleave the signers. */
export async function measureSigning({ runs, signatures }: { runs: number; signatures: number }, before?: typeof signRequest) {
  const sign = signers(before);
  const timeOne = async (fn: Sign) => {
    const start = performance.now();
    const result = fn();
    if (result instanceof Promise) await result;
    return (performance.now() - start) * 1000;
  };
  for (const kind in sign) for (let i = 0; i < 500; i++) await timeOne(sign[kind]!);
  const medians: Record<string, number[]> = Object.fromEntries(Object.keys(sign).map((kind) => [kind, []]));
  for (let run = 0; run < runs; run++) {
    for (const kind in sign) {
      const each: number[] = [];
      for (let i = 0; i < signatures; i++) each.push(await timeOne(sign[kind]!));
      medians[kind]!.push(median(each));
    }
  }
  return medians;
}
