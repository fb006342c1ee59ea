/** The request every benchmark sends (RetryEngine), and its answer from the committed bundle. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { REPO } from "./command.js";

export const PROJECT_ID = "2a473356cca5487f8373be891bffc1cf";
export const ENGINE_ID = "4a1bc63d-4719-4bd3-b1ad-5ee590b05e87";
export const RETRY_ENGINE_PATH = `/v2/${PROJECT_ID}/enginemgr/engines/${ENGINE_ID}/actions`;
/** A made-up token: the mock and the bare server accept any. */
export const TOKEN = "bench-token";
/** A made-up key pair: the bare server checks no signature. */
export const ACCESS_KEY = "BENCHACCESSKEY0000000";
export const SECRET_KEY = "bench-secret-key-not-a-real-one-0000000";
export const VALID_BODY = JSON.stringify({ action: "Retry" });
/** Breaks the schema (`action` must be `Retry`): the mock answers 400 with the violations. */
export const INVALID_BODY = JSON.stringify({ action: "Restart" });

/** RetryEngine's documented 200 answer (its first named example). */
export async function retryEngineExample(): Promise<unknown> {
  type Media = { examples: Record<string, { value: unknown }> };
  type Operation = { responses: Record<string, { content: Record<string, Media> }> };
  const document = JSON.parse(await readFile(join(REPO, "generated", "openapi.json"), "utf8")) as {
    paths: Record<string, { put?: Operation }>;
  };
  const operation = document.paths["/v2/{project_id}/enginemgr/engines/{engine_id}/actions"]?.put;
  const examples = operation?.responses["200"]?.content["application/json"]?.examples;
  const first = examples && Object.values(examples)[0];
  if (!first) throw new Error("generated/openapi.json: RetryEngine has no 200 example");
  return first.value;
}
