/**
 * The bundles say what the provider's pages (../shared/seeds/) and INDEX.md say, field by field.
 * Each expectation cites the page it comes from.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Json = Record<string, any>;
const load = (name: string): Json => JSON.parse(readFileSync(new URL(`../../generated/${name}`, import.meta.url), "utf8"));
const all = load("openapi.json");

const ref = (node: Json): Json =>
  typeof node?.$ref === "string" ? ref(node.$ref.slice(2).split("/").reduce((n: Json, k: string) => n[k], all)) : node;

const ops: Record<string, { path: string; method: string; service: string }> = {
  RetryEngine: { path: "/v2/{project_id}/enginemgr/engines/{engine_id}/actions", method: "put", service: "cse" },
  UpgradeEngine: { path: "/v2/{project_id}/enginemgr/engines/{engine_id}/upgrade", method: "put", service: "cse" },
  RetryScriptExecution: { path: "/v2/{project_id}/script-executions/retry", method: "post", service: "workspace" },
  RunActionsOnWorkspaceJob: { path: "/v2/{project_id}/workspace-jobs/{job_id}/actions", method: "post", service: "workspace" },
  UpdateInstanceAction: {
    path: "/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}/action",
    method: "post",
    service: "servicestage",
  },
};
const op = (id: string): Json => all.paths[ops[id]!.path][ops[id]!.method];
const body = (id: string): Json => ref(op(id).requestBody.content["application/json"].schema);
const okSchema = (id: string): Json => ref(ref(op(id).responses["200"]).content["application/json"].schema);
const errSchema = (id: string, status: string): Json => ref(ref(op(id).responses[status]).content["application/json"].schema);
const param = (id: string, name: string): Json => op(id).parameters.map(ref).find((p: Json) => p.name === name);
const statuses = (id: string) => Object.keys(op(id).responses).sort();

describe("documents", () => {
  it("are OpenAPI 3.1 with the 2020-12 dialect (Prism skips body validation otherwise)", () => {
    for (const name of ["openapi.json", "cse.openapi.json", "workspace.openapi.json", "servicestage.openapi.json"]) {
      const doc = load(name);
      expect(doc.openapi).toMatch(/^3\.1\./);
      expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    }
  });

  it("each service bundle holds exactly its own operations, tagged with its service", () => {
    // The five actions, and the status operations that follow their jobs (JOBS.md; test/spec/jobs.test.ts).
    const expected = {
      cse: ["RetryEngine", "ShowEngineJob", "UpgradeEngine"],
      workspace: ["ListScriptTasks", "RetryScriptExecution", "RunActionsOnWorkspaceJob", "ShowJob"],
      servicestage: ["ShowJobDetail", "UpdateInstanceAction"],
    };
    for (const [service, ids] of Object.entries(expected)) {
      const doc = load(`${service}.openapi.json`);
      const found = Object.values(doc.paths).flatMap((item: any) => Object.values(item).filter((o: any) => o?.operationId));
      expect(found.map((o: any) => o.operationId).sort()).toEqual(ids);
      expect(doc.servers[0].url).toBe(`https://${service}.{region}.myhuaweicloud.com`);
    }
    expect(Object.keys(ops).map((id) => op(id).operationId)).toEqual(Object.keys(ops));
  });

  it("in the combined document every path carries its own service's servers, identical to the service document's", () => {
    for (const [id, { path, service }] of Object.entries(ops)) {
      const servers = all.paths[path].servers;
      expect(servers, id).toEqual(load(`${service}.openapi.json`).servers);
      expect(servers[0].variables.region.default).toBe("cn-north-4");
      expect(servers[0].variables.region.enum).toContain("cn-north-4");
    }
  });

  it("every operation accepts a token OR an AK/SK signature, and never requires an X-Auth-Token parameter", () => {
    expect(all.components.securitySchemes.token).toMatchObject({ type: "apiKey", in: "header", name: "X-Auth-Token" });
    expect(all.components.securitySchemes.aksk).toMatchObject({ type: "apiKey", in: "header", name: "Authorization" });
    expect(all.components.securitySchemes.aksk.description).toMatch(/SDK-HMAC-SHA256 Access=.*SignedHeaders=.*Signature=/);
    expect(all.components.securitySchemes.aksk.description).toMatch(/X-Sdk-Date/);
    for (const id of Object.keys(ops)) {
      expect(op(id).security).toEqual([{ token: [] }, { aksk: [] }]);
      expect(op(id).parameters.map(ref).map((p: Json) => p.name.toLowerCase())).not.toContain("x-auth-token");
    }
  });

  it("every response of every operation documents X-Request-Id as required, and every operation documents 401 as APIGW.0301", () => {
    for (const id of Object.keys(ops)) {
      for (const [status, response] of Object.entries(op(id).responses)) {
        // required: contract tests generated from the spec (Portman, for one) check required headers only.
        expect(ref(ref(response as Json).headers?.["X-Request-Id"] ?? {}), `${id} ${status}`).toMatchObject({ required: true });
      }
      const unauthorized = ref(op(id).responses["401"]).content["application/json"];
      expect(Object.values(unauthorized.examples).map((e: any) => e.value.error_code)).toEqual(["APIGW.0301"]);
    }
  });

  it("every operation documents the gateway's 429 as APIGW.0308, with the gateway's {error_code, error_msg} body (as in its 401), Retry-After and a named example", () => {
    for (const id of Object.keys(ops)) {
      const throttled = ref(op(id).responses["429"]);
      expect(throttled, id).toBeDefined();
      const content = throttled.content["application/json"];
      expect(Object.entries(content.examples).map(([name, e]: [string, any]) => [name, ref(e).value.error_code])).toEqual([
        ["TooManyRequests", "APIGW.0308"],
      ]);
      expect(ref(content.schema).required, id).toEqual(["error_code", "error_msg"]);
      // An example, so the mock sends a valid Retry-After (delay-seconds) rather than a made-up string.
      expect(throttled.headers["Retry-After"]).toMatchObject({ example: "1" });
    }
  });
});

describe("000 RetryEngine", () => {
  it("project_id is 1-64 characters; X-Enterprise-Project-ID is optional with default 0", () => {
    expect(param("RetryEngine", "project_id")).toMatchObject({ in: "path", required: true, schema: { minLength: 1, maxLength: 64 } });
    expect(param("RetryEngine", "X-Enterprise-Project-ID")).toMatchObject({ in: "header", required: false, schema: { default: "0" } });
  });
  it("requires {action} whose only value is Retry, and answers {id, name, jobId: integer}", () => {
    expect(op("RetryEngine").requestBody.required).toBe(true);
    expect(body("RetryEngine")).toMatchObject({ required: ["action"], properties: { action: { enum: ["Retry"] } } });
    expect(okSchema("RetryEngine").required).toEqual(["id", "name", "jobId"]);
    expect(ref(okSchema("RetryEngine").properties.jobId).type).toBe("integer");
  });
  it("documents 200, 400, 401, 500 with {error_code, error_msg}", () => {
    expect(statuses("RetryEngine")).toEqual(["200", "400", "401", "429", "500"]);
    expect(Object.keys(errSchema("RetryEngine", "400").properties)).toEqual(["error_code", "error_msg"]);
    expect(op("RetryEngine").description).toMatch(/401.*because/s);
  });
});

describe("004 UpgradeEngine", () => {
  it("requires {version}, a string of at most 24 characters, and says ;charset=UTF-8 is accepted", () => {
    expect(body("UpgradeEngine")).toMatchObject({ required: ["version"], properties: { version: { type: "string", maxLength: 24 } } });
    expect(Object.keys(op("UpgradeEngine").requestBody.content)).toEqual(["application/json"]);
    expect(op("UpgradeEngine").description).toMatch(/charset=UTF-8.*accepted/s);
    expect(param("UpgradeEngine", "X-Enterprise-Project-ID")).toBeDefined();
  });
  it("400 and 500 carry {error_code, error_msg, detail}", () => {
    for (const status of ["400", "500"]) {
      expect(Object.keys(errSchema("UpgradeEngine", status).properties)).toEqual(["error_code", "error_msg", "detail"]);
    }
    expect(ref(okSchema("UpgradeEngine").properties.jobId).type).toBe("integer");
  });
});

describe("001 RetryScriptExecution", () => {
  it("takes {record_id?, task_id?} as plain strings, and its description says the page's example is wrong", () => {
    const schema = body("RetryScriptExecution");
    expect(schema.required).toBeUndefined();
    expect(schema.properties.record_id.type).toBe("string");
    expect(schema.properties.task_id.type).toBe("string");
    expect(op("RetryScriptExecution").description).toMatch(/example request is wrong.*table/s);
    expect(okSchema("RetryScriptExecution").required).toEqual(["task_id"]);
  });
  it("documents 200, 400, 401, 403, 404, 405, 500, 503", () => {
    expect(statuses("RetryScriptExecution")).toEqual(["200", "400", "401", "403", "404", "405", "429", "500", "503"]);
  });
});

describe("002 RunActionsOnWorkspaceJob", () => {
  it("takes path job_id and requires {op_type: retry}; only registration and deregistration tasks can be retried", () => {
    expect(param("RunActionsOnWorkspaceJob", "job_id")).toMatchObject({ in: "path", required: true });
    expect(body("RunActionsOnWorkspaceJob")).toMatchObject({ required: ["op_type"], properties: { op_type: { enum: ["retry"] } } });
    expect(op("RunActionsOnWorkspaceJob").description).toMatch(/only registration and deregistration tasks can be\s+retried/i);
    expect(okSchema("RunActionsOnWorkspaceJob").required).toEqual(["job_id"]);
  });
  it("documents 200, 400, 401, 403, 404, 500, whose bodies may carry encoded_authorization_message", () => {
    expect(statuses("RunActionsOnWorkspaceJob")).toEqual(["200", "400", "401", "403", "404", "429", "500"]);
    for (const status of ["400", "401", "403", "404", "500"]) {
      expect(errSchema("RunActionsOnWorkspaceJob", status).properties.encoded_authorization_message).toBeDefined();
    }
  });
});

describe("003 UpdateInstanceAction", () => {
  const branches = () => body("UpdateInstanceAction").oneOf.map(ref);
  const branch = (action: string) => branches().find((b: Json) => (b.properties.action.enum ?? [b.properties.action.const]).includes(action));

  it("takes three path ids and an action among start, stop, restart, scale, rollback", () => {
    for (const name of ["application_id", "component_id", "instance_id"]) {
      expect(param("UpdateInstanceAction", name)).toMatchObject({ in: "path", required: true });
    }
    const actions = branches().flatMap((b: Json) => b.properties.action.enum ?? [b.properties.action.const]);
    expect(actions.sort()).toEqual(["restart", "rollback", "scale", "start", "stop"]);
  });
  it("requires parameters.replica for scale and parameters.version for rollback, with hosts an array of ECS ids", () => {
    expect(branch("scale").required).toEqual(["action", "parameters"]);
    expect(ref(branch("scale").properties.parameters).required).toEqual(["replica"]);
    expect(branch("rollback").required).toEqual(["action", "parameters"]);
    expect(ref(branch("rollback").properties.parameters).required).toEqual(["version"]);
    expect(branch("start").required).toEqual(["action"]);
    const hosts = ref(ref(branch("scale").properties.parameters).properties.hosts);
    expect(hosts).toMatchObject({ type: "array", items: { type: "string" } });
    expect(hosts.description).toMatch(/ECS.*virtual machines/s);
  });
  it("says what it does (the page's title says Querying), and answers {job_id}; errors are SVCSTG codes", () => {
    expect(op("UpdateInstanceAction").summary).toBe("Run an action on a component instance");
    expect(op("UpdateInstanceAction").description).toMatch(/Querying/);
    expect(statuses("UpdateInstanceAction")).toEqual(["200", "400", "401", "404", "429", "500"]);
    expect(new RegExp(errSchema("UpdateInstanceAction", "400").properties.error_code.pattern).test("SVCSTG.00100400")).toBe(true);
  });
});
