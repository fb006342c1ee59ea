/**
 * The provider's official Node SDK as the peer of our client: `@huaweicloud/huaweicloud-sdk-core`
 * 3.1.211 (a devDependency, for the signer's parity test). The CSE service package is not
 * installed, so RetryEngine's request options are built here by hand exactly as its generated
 * `CseClient.retryEngine` builds them (`ParamCreater().retryEngine`), then sent through the
 * core's own `HcClient.sendRequest`: AK/SK signing, axios, Node's keep-alive agent.
 *
 * Checked against the sources (huaweicloud-sdk-nodejs-v3, services/cse/v1/CseClient.ts and its
 * models; the package is not on npm): `CseClient.retryEngine(request)` is
 * `ParamCreater().retryEngine(request)` (the options below: PUT, the path template, `contentType`,
 * `pathParams: { engine_id }`, headers `{ 'Content-Type': 'application/json' }`, `data` the
 * `EngineAdditionalActionReq` model, which serializes to `{"action":"Retry"}`), then
 * `options['responseHeaders'] = ['']` and `this.hcClient.sendRequest(options)`;
 * `CseClient.newBuilder()` is this same `ClientBuilder`, whose `init` wraps the HcClient. Left out
 * per call: building the two request models and `ParamCreater()`'s object of methods, plain object
 * literals (well under a microsecond).
 */
import { createRequire } from "node:module";
import { ENGINE_ID, PROJECT_ID, RETRY_ENGINE_PATH } from "./requests.js";

const require = createRequire(import.meta.url);

interface Credentials {
  withAk(ak: string): Credentials;
  withSk(sk: string): Credentials;
  withProjectId(projectId: string): Credentials;
}
interface HcClient {
  sendRequest(options: Record<string, unknown>): Promise<Record<string, unknown>>;
}
interface ClientBuilder {
  withCredential(credential: Credentials): ClientBuilder;
  withEndpoint(endpoint: string): ClientBuilder;
  build(): HcClient;
}
/** The request `AKSKSigner.sign` is handed by `BasicCredentials#processAuthRequest`. */
export interface SdkHttpRequest {
  endpoint: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  data: unknown;
  queryParams: Record<string, string>;
  pathParams: Record<string, string>;
}

const core = {
  ...(require("@huaweicloud/huaweicloud-sdk-core") as { BasicCredentials: new () => Credentials }),
  ...(require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js") as {
    ClientBuilder: new (init: (client: HcClient) => HcClient) => ClientBuilder;
  }),
  ...(require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js") as {
    AKSKSigner: { sign(request: SdkHttpRequest, credential: Credentials): Record<string, string> };
  }),
};

export function sdkCredentials(accessKey: string, secretKey: string): Credentials {
  return new core.BasicCredentials().withAk(accessKey).withSk(secretKey).withProjectId(PROJECT_ID);
}

/** `CseClient.newBuilder()...build()` without the CSE package: the builder's `init` returns the HcClient itself. */
export function sdkRetryEngine(baseUrl: string, accessKey: string, secretKey: string): () => Promise<Record<string, unknown>> {
  const client = new core.ClientBuilder((hcClient) => hcClient)
    .withCredential(sdkCredentials(accessKey, secretKey))
    .withEndpoint(baseUrl)
    .build();
  return () =>
    client.sendRequest({
      method: "PUT",
      url: "/v2/{project_id}/enginemgr/engines/{engine_id}/actions",
      contentType: "application/json",
      queryParams: {},
      pathParams: { engine_id: ENGINE_ID },
      headers: { "Content-Type": "application/json" },
      data: { action: "Retry" },
      responseHeaders: [""],
    });
}

/** What `AKSKSigner.sign` receives for RetryEngine at `origin`. */
export function sdkSignable(origin: string): SdkHttpRequest {
  return {
    endpoint: `${origin}${RETRY_ENGINE_PATH}`,
    url: RETRY_ENGINE_PATH,
    method: "PUT",
    headers: { "content-type": "application/json", "X-Project-Id": PROJECT_ID },
    data: { action: "Retry" },
    queryParams: {},
    pathParams: {},
  };
}

export const sdkSign = (request: SdkHttpRequest, credential: Credentials) => core.AKSKSigner.sign(request, credential);
