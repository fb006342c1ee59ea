/**
 * The job-status operations in the bundles say what ../shared/seeds/JOBS.md says, field by field:
 * paths, parameters, every body field with its type and the case of its key, the open status
 * values, the CSE integer-vs-string job ID, and the links from each action to its follow-up.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

type Json = Record<string, any>;
const load = (name: string): Json => JSON.parse(readFileSync(new URL(`../../generated/${name}`, import.meta.url), "utf8"));
const all = load("openapi.json");
const ref = (node: Json): Json =>
  typeof node?.$ref === "string" ? ref(node.$ref.slice(2).split("/").reduce((n: Json, k: string) => n[k], all)) : node;

const STATUS_OPS: Record<string, { path: string; service: string; follows: string[] }> = {
  ShowEngineJob: { path: "/v2/{project_id}/enginemgr/engines/{engine_id}/jobs/{job_id}", service: "cse", follows: ["RetryEngine", "UpgradeEngine"] },
  ShowJob: { path: "/v2/{project_id}/workspace-jobs/{job_id}", service: "workspace", follows: ["RunActionsOnWorkspaceJob"] },
  ListScriptTasks: { path: "/v2/{project_id}/script-execution-tasks", service: "workspace", follows: ["RetryScriptExecution"] },
  ShowJobDetail: { path: "/v2/{project_id}/cas/jobs/{job_id}", service: "servicestage", follows: ["UpdateInstanceAction"] },
};
const op = (id: string): Json => all.paths[STATUS_OPS[id]!.path].get;
const findOp = (id: string): Json =>
  Object.values(all.paths).flatMap((item: any) => Object.values(item)).find((o: any) => o?.operationId === id) as Json;
const ok = (id: string): Json => ref(ref(op(id).responses["200"]).content["application/json"].schema);
const param = (id: string, name: string): Json => op(id).parameters.map(ref).find((p: Json) => p.name === name);
const props = (schema: Json): Json => Object.fromEntries(Object.entries(ref(schema).properties).map(([k, v]) => [k, ref(v as Json)]));

/** The JSON type of a property: "string", "integer", "array<...>", "object", or "open<values>" for an open enum. */
function typeOf(schema: Json): string {
  const s = ref(schema);
  if (s.anyOf) {
    const known = s.anyOf.find((b: Json) => b.enum)?.enum;
    expect(s.anyOf.find((b: Json) => !b.enum)).toMatchObject({ type: "string" });
    return `open<${known.join(",")}>`;
  }
  if (s.type === "array") return `array<${typeOf(s.items)}>`.replace("array<undefined>", "array<any>");
  return s.type;
}
const types = (schema: Json): Record<string, string> => Object.fromEntries(Object.entries(props(schema)).map(([k, v]) => [k, typeOf(v)]));

describe("the four status operations", () => {
  it.each(Object.entries(STATUS_OPS))("%s: GET at JOBS.md's path, in its service's bundle and the combined one, with its servers", (id, { path, service }) => {
    expect(op(id).operationId).toBe(id);
    expect(Object.keys(all.paths[path])).toEqual(["servers", "get"]);
    expect(all.paths[path].servers).toEqual(load(`${service}.openapi.json`).servers);
    expect(load(`${service}.openapi.json`).paths[path].get.operationId).toBe(id);
    expect(op(id).tags).toEqual([{ cse: "CSE", workspace: "Workspace", servicestage: "ServiceStage" }[service]]);
    expect(op(id).requestBody).toBeUndefined();
  });

  it.each(Object.keys(STATUS_OPS))("%s: both credentials, X-Request-Id on every answer, 401 APIGW.0301 and 429 APIGW.0308", (id) => {
    expect(op(id).security).toEqual([{ token: [] }, { aksk: [] }]);
    for (const [status, response] of Object.entries(op(id).responses)) {
      expect(ref(response as Json).headers?.["X-Request-Id"], `${id} ${status}`).toBeDefined();
    }
    const codes = (status: string) => Object.values(ref(op(id).responses[status]).content["application/json"].examples).map((e: any) => ref(e).value.error_code);
    expect(codes("401")).toEqual(["APIGW.0301"]);
    expect(codes("429")).toEqual(["APIGW.0308"]);
    expect(ref(op(id).responses["429"]).headers["Retry-After"]).toBeDefined();
  });

  it.each(Object.entries(STATUS_OPS))("%s: says it comes from the provider's reference and SDK models, and links to each action whose job it follows", (id, { follows }) => {
    expect(op(id).description).toMatch(/provider's API\s+reference[^.]*SDK\s+models/s);
    for (const action of follows) expect(op(id).description).toContain(`[${action}](#operation/${action})`);
  });

  it.each(Object.entries(STATUS_OPS))("%s: every action it follows links to it (OpenAPI links, and Markdown links in its 200's and its own description)", (id, { follows }) => {
    for (const action of follows) {
      const response = findOp(action).responses["200"];
      expect(response.links[id].operationId, action).toBe(id);
      expect(response.links[id].parameters.project_id).toBe("$request.path.project_id");
      expect(response.description).toContain(`Follow it with [${id}](#operation/${id})`);
      expect(findOp(action).description).toContain(`**Follow the job** with [${id}](#operation/${id})`);
    }
  });

  it.each(Object.keys(STATUS_OPS))("%s: the 200 has a named example per state, and every error status has one", (id) => {
    const examples = Object.keys(ref(op(id).responses["200"]).content["application/json"].examples);
    expect(examples).toEqual(expect.arrayContaining(["Running", "Succeeded", "Failed"]));
    for (const [status, response] of Object.entries(op(id).responses)) {
      expect(Object.keys(ref(response as Json).content["application/json"].examples).length, `${id} ${status}`).toBeGreaterThan(0);
    }
  });
});

describe("CSE ShowEngineJob", () => {
  it("takes project_id, engine_id and job_id as strings: job_id is the action's integer jobId as decimal digits", () => {
    for (const name of ["project_id", "engine_id", "job_id"]) expect(param("ShowEngineJob", name)).toMatchObject({ in: "path", required: true, schema: { type: "string" } });
    expect(param("ShowEngineJob", "job_id").schema.pattern).toBe("^[0-9]+$");
    expect(param("ShowEngineJob", "X-Enterprise-Project-ID")).toMatchObject({ in: "header", required: false });
    expect(findOp("RetryEngine").responses["200"].links.ShowEngineJob.parameters).toMatchObject({ engine_id: "$request.path.engine_id", job_id: "$response.body#/jobId" });
  });

  it("answers JOBS.md's fields, camelCase, with their types", () => {
    const CSE_STATUS = "open<Init,Executing,Error,Timeout,Finished>";
    expect(types(ok("ShowEngineJob"))).toEqual({
      id: "integer", engineId: "string", type: "open<Create,Delete,Upgrade,Modify>", description: "string", status: CSE_STATUS,
      scheduling: "integer", createUser: "string", startTime: "integer", endTime: "integer", context: "string", tasks: "array<object>",
    });
    const step = ok("ShowEngineJob").properties.tasks.items;
    expect(types(step)).toEqual({
      taskName: "string", taskNames: "array<string>", status: CSE_STATUS, startTime: "integer", endTime: "integer",
      taskExecutorBrief: "object", tasks: "array<object>",
    });
    expect(types(ref(step).properties.tasks.items)).toEqual({
      jobId: "integer", id: "integer", type: "string", assigned: "string", taskName: "string", engineName: "string", taskOrder: "integer",
      status: CSE_STATUS, startTime: "integer", endTime: "integer", createTime: "integer", updateTime: "integer", timeout: "integer",
      log: "string", output: "string", taskExecutorBrief: "object",
    });
    expect(types(ref(step).properties.taskExecutorBrief)).toEqual({ duration: "integer", description: "string" });
    expect(ok("ShowEngineJob").properties.scheduling.enum).toEqual([0, 1]);
  });
});

// Tiny helper kept local: the action's 200 schema (used for the integer side of the CSE ID change).
function okOf(id: string): Json {
  return ref(ref(findOp(id).responses["200"]).content["application/json"].schema);
}

describe("the CSE job ID changes type between the action and ShowEngineJob", () => {
  it("is an integer in RetryEngine's and UpgradeEngine's answers and a digit string in ShowEngineJob's path", () => {
    for (const action of ["RetryEngine", "UpgradeEngine"]) expect(ref(okOf(action).properties.jobId).type).toBe("integer");
    expect(param("ShowEngineJob", "job_id").schema.type).toBe("string");
    expect(ref(ok("ShowEngineJob").properties.id).type).toBe("integer");
  });
});

describe("Workspace ShowJob and ListScriptTasks", () => {
  it("ShowJob answers JOBS.md's fields, snake_case, with their types; errors in the usual shape", () => {
    const WS_STATUS = "open<WAITING,RUNNING,SUCCESS,FAILED>";
    expect(types(ok("ShowJob"))).toEqual({
      id: "string", job_type: "string", begin_time: "string", end_time: "string", status: WS_STATUS, job_error_code: "string",
      fail_reason: "string", sub_jobs_total: "integer", sub_jobs: "array<object>",
    });
    const sub = ok("ShowJob").properties.sub_jobs.items;
    expect(types(sub)).toEqual({
      id: "string", job_type: "string", entities: "object", begin_time: "string", end_time: "string", status: WS_STATUS, error_code: "string",
      fail_reason: "string", host: "string", project_id: "string", job_id: "string", process: "integer", attach_user: "string",
      entity: "string", ip_address: "string",
    });
    expect(types(ref(sub).properties.entities)).toEqual({ desktop_id: "string", product_id: "string", user_name: "string", desktop_name: "string", ip_address: "string" });
    expect(Object.keys(op("ShowJob").responses).sort()).toEqual(["200", "400", "401", "403", "404", "429", "500"]);
    const error = ref(ref(op("ShowJob").responses["403"]).content["application/json"].schema);
    expect(Object.keys(error.properties)).toEqual(["error_code", "error_msg", "encoded_authorization_message"]);
  });

  it("ListScriptTasks takes task_id as a repeated query parameter and JOBS.md's filters; limit is 1-100", () => {
    expect(param("ListScriptTasks", "task_id")).toMatchObject({ in: "query", style: "form", explode: true, schema: { type: "array", items: { type: "string" } } });
    expect(param("ListScriptTasks", "limit").schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100 });
    expect(param("ListScriptTasks", "task_type").schema.enum).toEqual(["SCRIPT", "COMMAND"]);
    const names = op("ListScriptTasks").parameters.map(ref).map((p: Json) => p.name);
    expect(names).toEqual(["project_id", "task_id", "offset", "limit", "script_id", "script_name", "status", "task_type", "execute_time_start", "execute_time_end", "resource_group_id", "resource_group_type"]);
  });

  it("ListScriptTasks answers {count, script_tasks} with JOBS.md's task fields; status is a free string", () => {
    expect(types(ok("ListScriptTasks"))).toEqual({ count: "integer", script_tasks: "array<object>" });
    expect(types(ok("ListScriptTasks").properties.script_tasks.items)).toEqual({
      id: "string", task_scripts: "array<object>", resource_type: "string", resource_ids: "array<string>", gray_resource_ids: "array<string>",
      success_num: "integer", failed_num: "integer", skip_num: "integer", start_time: "string", end_time: "string", status: "string",
    });
  });
});

describe("ServiceStage ShowJobDetail", () => {
  it("takes JOBS.md's path and query parameters; desc is \"true\" or \"false\"", () => {
    expect(param("ShowJobDetail", "job_id")).toMatchObject({ in: "path", required: true });
    for (const name of ["instance_id", "limit", "offset", "desc"]) expect(param("ShowJobDetail", name)).toMatchObject({ in: "query", required: false });
    expect(param("ShowJobDetail", "limit").schema.type).toBe("integer");
    expect(param("ShowJobDetail", "desc").schema.enum).toEqual(["true", "false"]);
  });

  it("answers {task_count, job, tasks}; job's and tasks' keys are UPPER-CASE, as JOBS.md lists them", () => {
    expect(types(ok("ShowJobDetail"))).toEqual({ task_count: "integer", job: "object", tasks: "array<object>" });
    expect(types(ok("ShowJobDetail").properties.job)).toEqual({
      CREATED_BY: "string", EXECUTION_STATUS: "open<RUNNING,SUCCEEDED,FAILED>", JOB_DESC: "string", JOB_ID: "string", JOB_NAME: "string",
      JOB_TYPE: "string", ORDER_ID: "string", PROJECT_ID: "string", SERVICE_INSTANCE_ID: "string",
    });
    expect(types(ok("ShowJobDetail").properties.tasks.items)).toEqual({
      CREATED_AT: "string", LAST_HEALTH_CHECK: "string", MESSAGES: "string", OWNER_ID: "string", TASK_ID: "string", TASK_INDEX: "integer",
      TASK_NAME: "string", TASK_STATUS: "open<RUNNING,SKIPPED,FAILED,SUCCEEDED>", TASK_TYPE: "string",
    });
    expect(Object.keys(op("ShowJobDetail").responses).sort()).toEqual(["200", "400", "401", "404", "429", "500"]);
    expect(new RegExp(ref(ref(op("ShowJobDetail").responses["404"]).content["application/json"].schema).properties.error_code.pattern).test("SVCSTG.00100404")).toBe(true);
  });
});

describe("status values are open", () => {
  const ajv = new Ajv2020({ strict: false });
  ajv.addSchema(all, "all");
  const statusSchemas = [
    "#/components/schemas/CseJobStatus", "#/components/schemas/WorkspaceJobStatus",
    "#/components/schemas/ServiceStageJobStatus", "#/components/schemas/ServiceStageTaskStatus",
  ];
  it.each(statusSchemas)("%s accepts its known values and a value the provider may add later, and still rejects a non-string", (pointer) => {
    const schema = ref({ $ref: pointer });
    const validate = ajv.compile({ $ref: `all${pointer}` });
    for (const value of schema.anyOf[0].enum) expect(validate(value), value).toBe(true);
    expect(validate("PAUSED_BY_PROVIDER_2027")).toBe(true);
    expect(validate(3)).toBe(false);
    expect(validate("")).toBe(false);
  });

  it("the generated types keep the known values (and any string): \"A\" | \"B\" | (string & {})", () => {
    const text = (service: string) => readFileSync(new URL(`../../generated/types/${service}.d.ts`, import.meta.url), "utf8");
    expect(text("cse")).toContain('CseJobStatus: "Init" | "Executing" | "Error" | "Timeout" | "Finished" | (string & {});');
    expect(text("workspace")).toContain('WorkspaceJobStatus: "WAITING" | "RUNNING" | "SUCCESS" | "FAILED" | (string & {});');
    expect(text("servicestage")).toContain('ServiceStageJobStatus: "RUNNING" | "SUCCEEDED" | "FAILED" | (string & {});');
  });
});
