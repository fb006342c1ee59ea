/**
 * Where each service is reached: the `servers` entry of its OpenAPI bundle, copied here because
 * openapi-typescript emits types only. test/client/endpoints.test.ts keeps these equal to
 * generated/<service>.openapi.json.
 *
 * One constant per service, so a program that imports one client bundles one region list; each
 * list is one space-separated string (the bundle's enum, in its order), split when the module loads.
 */
import { shown } from './check.js';

/** The words of a space-separated string literal, as a union: the regions' type comes from the one list. */
type Words<S extends string> = S extends `${infer W} ${infer Rest}` ? W | Words<Rest> : S;

export interface Server<Region extends string = string> {
  /** The bundle's server URL template. */
  url: string;
  regions: readonly Region[];
}

const server = <S extends string>(service: string, regions: S): Server<Words<S>> => ({
  url: `https://${service}.{region}.myhuaweicloud.com`,
  regions: regions.split(' ') as Words<S>[],
});

export const CSE_SERVER = /* @__PURE__ */ server(
  'cse',
  'af-south-1 ap-southeast-1 ap-southeast-2 ap-southeast-3 cn-east-2 cn-east-3 cn-north-1 cn-north-4 cn-north-9 cn-south-1 cn-south-2 cn-southwest-2 la-north-2 la-south-2 ru-northwest-2 sa-brazil-1',
);
export const WORKSPACE_SERVER = /* @__PURE__ */ server(
  'workspace',
  'af-north-1 af-south-1 ap-southeast-1 ap-southeast-3 cn-east-3 cn-east-5 cn-north-11 cn-north-4 cn-north-9 cn-south-1 cn-southwest-2 la-north-2 la-south-2 me-east-1 sa-brazil-1 tr-west-1',
);
export const SERVICESTAGE_SERVER = /* @__PURE__ */ server(
  'servicestage',
  'af-south-1 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 cn-east-2 cn-east-3 cn-north-1 cn-north-4 cn-south-1 cn-southwest-2 la-north-2 la-south-2 ru-moscow-1 sa-brazil-1 tr-west-1',
);

/** Every service's server, by service name (for tests and tools; the clients use their own constant). */
export const SERVERS = { cse: CSE_SERVER, workspace: WORKSPACE_SERVER, servicestage: SERVICESTAGE_SERVER };

export type Service = keyof typeof SERVERS;
export type CseRegion = (typeof CSE_SERVER)['regions'][number];
export type WorkspaceRegion = (typeof WORKSPACE_SERVER)['regions'][number];
export type ServiceStageRegion = (typeof SERVICESTAGE_SERVER)['regions'][number];

/** Either a region of the service, or any base URL (the mock, a proxy, a private endpoint). */
export type Endpoint<Region extends string> =
  | { region: Region; baseUrl?: undefined }
  | { baseUrl: string; region?: undefined };

/** The base URL of a client, from its `region` or its `baseUrl` option; `where` names the factory in errors. */
export function baseUrlOf(server: Server, endpoint: { region?: unknown; baseUrl?: unknown }, where: string): string {
  const { region, baseUrl } = endpoint;
  const regions = server.regions.join(', ');
  if (region !== undefined && baseUrl !== undefined) {
    throw new TypeError(`${where}: give either region or baseUrl, not both`);
  }
  if (baseUrl !== undefined) return checkedBaseUrl(baseUrl, where);
  if (region === undefined) throw new TypeError(`${where}: give region (one of ${regions}) or baseUrl`);
  if (!server.regions.includes(region as string)) {
    throw new TypeError(`${where}: region must be one of ${regions} (got ${shown(region)}); for any other endpoint pass baseUrl`);
  }
  return server.url.replace('{region}', region as string);
}

function checkedBaseUrl(baseUrl: unknown, where: string): string {
  let url: URL | undefined;
  try {
    url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    throw new TypeError(
      `${where}: baseUrl must be an absolute http(s) URL without query or fragment (got ${shown(baseUrl)})`,
    );
  }
  return baseUrl as string;
}
