/**
 * Where each service is reached: the `servers` entry of its OpenAPI bundle, copied here because
 * openapi-typescript emits types only. test/client/endpoints.test.ts keeps these equal to
 * generated/<service>.openapi.json.
 */
import { shown } from './check.js';

export const SERVERS = {
  cse: {
    url: 'https://cse.{region}.myhuaweicloud.com',
    regions: [
      'af-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'cn-east-2', 'cn-east-3',
      'cn-north-1', 'cn-north-4', 'cn-north-9', 'cn-south-1', 'cn-south-2', 'cn-southwest-2',
      'la-north-2', 'la-south-2', 'ru-northwest-2', 'sa-brazil-1',
    ],
  },
  workspace: {
    url: 'https://workspace.{region}.myhuaweicloud.com',
    regions: [
      'af-north-1', 'af-south-1', 'ap-southeast-1', 'ap-southeast-3', 'cn-east-3', 'cn-east-5',
      'cn-north-11', 'cn-north-4', 'cn-north-9', 'cn-south-1', 'cn-southwest-2', 'la-north-2',
      'la-south-2', 'me-east-1', 'sa-brazil-1', 'tr-west-1',
    ],
  },
  servicestage: {
    url: 'https://servicestage.{region}.myhuaweicloud.com',
    regions: [
      'af-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
      'cn-east-2', 'cn-east-3', 'cn-north-1', 'cn-north-4', 'cn-south-1', 'cn-southwest-2',
      'la-north-2', 'la-south-2', 'ru-moscow-1', 'sa-brazil-1', 'tr-west-1',
    ],
  },
} as const;

export type Service = keyof typeof SERVERS;
export type CseRegion = (typeof SERVERS)['cse']['regions'][number];
export type WorkspaceRegion = (typeof SERVERS)['workspace']['regions'][number];
export type ServiceStageRegion = (typeof SERVERS)['servicestage']['regions'][number];

/** Either a region of the service, or any base URL (the mock, a proxy, a private endpoint). */
export type Endpoint<Region extends string> =
  | { region: Region; baseUrl?: undefined }
  | { baseUrl: string; region?: undefined };

/** The base URL of a client, from its `region` or its `baseUrl` option; `where` names the factory in errors. */
export function baseUrlOf(service: Service, endpoint: { region?: unknown; baseUrl?: unknown }, where: string): string {
  const { region, baseUrl } = endpoint;
  const regions = SERVERS[service].regions as readonly string[];
  if (region !== undefined && baseUrl !== undefined) {
    throw new TypeError(`${where}: give either region or baseUrl, not both`);
  }
  if (baseUrl !== undefined) return checkedBaseUrl(baseUrl, where);
  if (region === undefined) {
    throw new TypeError(`${where}: give region (one of ${regions.join(', ')}) or baseUrl`);
  }
  if (typeof region !== 'string' || !regions.includes(region)) {
    throw new TypeError(
      `${where}: region must be one of ${regions.join(', ')} (got ${shown(region)}); for any other endpoint pass baseUrl`,
    );
  }
  return SERVERS[service].url.replace('{region}', region);
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
