import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSha256, nodeSha256, webSha256, type Sha256 } from '../../src/client/sha256.js';
import { akskSigner, signRequest, type AkSkCredentials } from '../../src/client/signer.js';

/*
 * Parity with the official signer, once per hashing path (node:crypto, the default in Node, and
 * Web Crypto, the one browsers get). Each fixture is signed twice: by our signer, and by the
 * SDK's own request pipeline, HcClient#buildRequest -> BasicCredentials#processAuthRequest ->
 * AKSKSigner.sign: the exact code HcClient#sendRequest runs right before handing the request
 * to axios. buildRequest sends nothing.
 */

// The SDK is CommonJS and its package root only exports the credential classes.
const require = createRequire(import.meta.url);
interface SdkCredentials {
  withAk(ak: string): SdkCredentials;
  withSk(sk: string): SdkCredentials;
  withProjectId(projectId: string): SdkCredentials;
  withSecurityToken(token: string): SdkCredentials;
}
interface SdkRequestOptions {
  method: string;
  url: string;
  contentType: string;
  pathParams: Record<string, string>;
  queryParams: Record<string, string | string[]>;
  headers: Record<string, string>;
  data?: unknown;
}
/** `buildRequest` is private in the SDK's typings, hence this structural view of it. */
interface SdkClient {
  withEndpoints(endpoints: string[]): SdkClient;
  withCredential(credentials: SdkCredentials): SdkClient;
  buildRequest(options: SdkRequestOptions): Promise<{ headers: Record<string, string> }>;
}
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core') as {
  BasicCredentials: new () => SdkCredentials;
};
const { HcClient } = require('@huaweicloud/huaweicloud-sdk-core/HcClient.js') as {
  HcClient: new (httpClient: unknown) => SdkClient;
};

// Obviously fake keys; never put them in test titles.
const AK = 'HPUAEXAMPLEAK000001';
const SK = 'fakeSecretKey0000ExampleOnly0000NotReal00';
const TOKEN = 'gQpjbi1ub3J0aC00EXAMPLE-temporary-security-token-not-real==';
// Milliseconds on purpose: X-Sdk-Date truncates them.
const NOW = new Date('2025-03-14T09:26:53.589Z');

const PROJECT = '0f3a9c2e5b7d4e1a8c6b2d9e4f7a1c3b';
const ENGINE = 'b7e4c1d2-9a3f-4e8b-a6c5-2d1f0e9b8a7c';
const JOB = '5c2e8f1a-3b7d-4c9e-8a6f-1d4b7e2c9a0f';

interface Fixture {
  name: string;
  method: string;
  origin: string;
  /** Path after path-parameter substitution, unencoded, as the SDK receives it. */
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** JSON body; undefined means no body at all. */
  body?: unknown;
  /** SDK: credentials.withProjectId (it then adds X-Project-Id); ours: the header itself. */
  projectId?: string;
  temporary?: boolean;
}

const CSE = 'https://cse.cn-north-4.myhuaweicloud.com';
const WORKSPACE = 'https://workspace.cn-north-4.myhuaweicloud.com';
const SERVICESTAGE = 'https://servicestage.cn-north-4.myhuaweicloud.com';

const fixtures: Fixture[] = [
  {
    name: 'CSE retry engine job',
    method: 'PUT',
    origin: CSE,
    path: `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/actions`,
    headers: { 'X-Enterprise-Project-ID': '0' },
    body: { action: 'Retry' },
    projectId: PROJECT,
  },
  {
    name: 'CSE upgrade engine',
    method: 'PUT',
    origin: CSE,
    path: `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/upgrade`,
    body: { version: '2.4.0' },
    projectId: PROJECT,
  },
  {
    name: 'Workspace retry script execution',
    method: 'POST',
    origin: WORKSPACE,
    path: `/v2/${PROJECT}/script-executions/retry`,
    body: { record_id: '8d2f6a1c-4e9b-4b3a-9c7d-5e1f2a8b6c4d', task_id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
    projectId: PROJECT,
  },
  {
    name: 'Workspace job action',
    method: 'POST',
    origin: WORKSPACE,
    path: `/v2/${PROJECT}/workspace-jobs/${JOB}/actions`,
    body: { op_type: 'retry' },
    projectId: PROJECT,
  },
  {
    name: 'ServiceStage instance action',
    method: 'POST',
    origin: SERVICESTAGE,
    path:
      `/v2/${PROJECT}/cas/applications/3e7b1f9a-2c4d-4a8e-b6f1-9d2c5a7e3b1f` +
      '/components/6a9d2e4b-8f1c-4e7a-9b3d-1c5f8a2e6d4b/instances/c4f8a2d6-1e9b-4c3a-8d7f-2b6e9a1c5f3d/action',
    body: { action: 'scale', parameters: { replica: 4 } },
    projectId: PROJECT,
  },
  {
    name: 'non-ASCII JSON body (CJK and emoji)',
    method: 'POST',
    origin: WORKSPACE,
    path: `/v2/${PROJECT}/workspace-jobs/${JOB}/actions`,
    body: { op_type: 'retry', remark: '重试夜间构建 🚀', note: 'ünïcödé' },
  },
  {
    name: 'no body at all',
    method: 'GET',
    origin: CSE,
    path: `/v2/${PROJECT}/enginemgr/engines/${ENGINE}`,
  },
  {
    name: 'query string: unsorted, space, non-ASCII, repeated key, reserved characters',
    method: 'GET',
    origin: SERVICESTAGE,
    path: `/v2/${PROJECT}/cas/applications`,
    query: {
      offset: '0',
      limit: '10',
      name: 'nightly build',
      region: '华北-北京四',
      tag: ['zeta', 'alpha', 'Beta'],
      expr: "a+b*c!(d)~'e'",
      empty: '',
    },
  },
  {
    name: 'path segments with non-ASCII and reserved characters',
    method: 'GET',
    origin: CSE,
    path: `/v2/${PROJECT}/名字/x!y*z(1)~a_b.c-d`,
  },
  {
    name: 'path of unreserved characters only, taken as it stands',
    method: 'DELETE',
    origin: CSE,
    path: `/v2/${PROJECT}/Engine~1.a-b_C/`,
  },
  {
    name: 'header values with inner spaces and mixed-case names',
    method: 'POST',
    origin: WORKSPACE,
    path: `/v2/${PROJECT}/script-executions/retry`,
    headers: { 'X-Client-Note': 'retry   after  outage', 'X-Enterprise-Project-ID': '0', 'x-lower': 'v' },
    body: { record_id: 'r', task_id: 't' },
  },
  {
    name: 'temporary credentials (security token is signed)',
    method: 'PUT',
    origin: CSE,
    path: `/v2/${PROJECT}/enginemgr/engines/${ENGINE}/actions`,
    body: { action: 'Retry' },
    projectId: PROJECT,
    temporary: true,
  },
];

/** The URL our client would fetch: segments and query encoded like openapi-fetch does. */
function urlOf(f: Fixture): string {
  const path = f.path.split('/').map(encodeURIComponent).join('/');
  const pairs = Object.entries(f.query ?? {}).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => `${encodeURIComponent(key)}=${encodeURIComponent(v)}`),
  );
  return `${f.origin}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

// Both must exist here: in Node 20.16+ node:crypto is found, and Web Crypto is always there.
const PATHS: [string, Sha256][] = [
  ['node:crypto', nodeSha256()!],
  ['Web Crypto', webSha256],
];

async function signOurs(f: Fixture, sha: Sha256, headers = f.headers) {
  const creds: AkSkCredentials = { accessKey: AK, secretKey: SK };
  if (f.temporary) creds.securityToken = TOKEN;
  return akskSigner(creds, { sha256: sha })(
    {
      method: f.method,
      url: urlOf(f),
      headers: {
        ...headers,
        ...(f.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(f.projectId ? { 'X-Project-Id': f.projectId } : {}),
      },
      body: f.body === undefined ? undefined : JSON.stringify(f.body),
    },
    NOW,
  );
}

async function signOfficial(f: Fixture, headers = f.headers): Promise<Record<string, string>> {
  let creds = new BasicCredentials().withAk(AK).withSk(SK);
  if (f.projectId) creds = creds.withProjectId(f.projectId);
  if (f.temporary) creds = creds.withSecurityToken(TOKEN);
  const client = new HcClient({}).withEndpoints([f.origin]).withCredential(creds);
  const request = await client.buildRequest({
    method: f.method,
    url: f.path,
    // Generated SDK clients pass 'application/json' for JSON bodies; '' means no Content-Type.
    contentType: f.body === undefined ? '' : 'application/json',
    pathParams: {},
    queryParams: structuredClone(f.query ?? {}), // the SDK sorts repeated values in place
    headers: { ...headers },
    data: f.body,
  });
  return request.headers;
}

describe.each(PATHS)('signing through %s matches the official SDK signer', (_, sha) => {
  beforeEach(() => {
    // The SDK stamps X-Sdk-Date from the clock; freeze only Date so Web Crypto promises still run.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(fixtures)('$name', async (f) => {
    const [ours, official] = await Promise.all([signOurs(f, sha), signOfficial(f)]);
    expect(ours['X-Sdk-Date']).toBe(official['X-Sdk-Date']);
    expect(ours['Authorization']).toBe(official['Authorization']);
    expect(ours['X-Security-Token']).toBe(official['X-Security-Token']);
    if (f.temporary) {
      expect(ours['X-Security-Token']).toBe(TOKEN);
      expect(ours['Authorization']).toContain('x-security-token');
    }
  });

  it('trims header values (as fetch does on the wire) where the SDK signs them untrimmed', async () => {
    const f = fixtures.find((x) => x.name.startsWith('header values'))!;
    const padded = { ...f.headers, 'X-Client-Note': '  retry   after  outage \t' };
    const ours = await signOurs(f, sha, padded);
    // Parity with what the SDK signs for the value the server actually receives...
    expect(ours['Authorization']).toBe((await signOfficial(f, f.headers))['Authorization']);
    // ...and a deliberate difference from what it signs for the padded value.
    expect(ours['Authorization']).not.toBe((await signOfficial(f, padded))['Authorization']);
  });
});

describe('signRequest', () => {
  const creds: AkSkCredentials = { accessKey: AK, secretKey: SK, securityToken: TOKEN };
  const request = {
    method: 'PUT',
    url: `${CSE}/v2/${PROJECT}/enginemgr/engines/${ENGINE}/actions`,
    headers: { 'Content-Type': 'application/json' },
    body: '{"action":"Retry"}',
  };

  it('formats X-Sdk-Date as YYYYMMDDTHHMMSSZ in UTC, truncating milliseconds', async () => {
    const headers = await signRequest(request, creds, new Date('2025-03-14T09:26:53.999Z'));
    expect(headers['X-Sdk-Date']).toBe('20250314T092653Z');
  });

  it('never puts the secret key into a returned header', async () => {
    const headers = await signRequest(request, creds, NOW);
    expect(Object.keys(headers).sort()).toEqual(['Authorization', 'X-Sdk-Date', 'X-Security-Token']);
    expect(Object.values(headers).some((value) => value.includes(SK))).toBe(false);
  });

  it('hashes string and byte bodies, and plain-object and Headers inputs, identically', async () => {
    const a = await signRequest(request, creds, NOW);
    const b = await signRequest(
      { ...request, headers: new Headers(request.headers), body: new TextEncoder().encode(request.body) },
      creds,
      NOW,
    );
    expect(b).toEqual(a);
  });

  it('rejects empty keys', async () => {
    await expect(signRequest(request, { accessKey: AK, secretKey: '' })).rejects.toThrow(/non-empty/);
  });
});

describe('hashing paths', () => {
  const creds: AkSkCredentials = { accessKey: AK, secretKey: SK, securityToken: TOKEN };
  const request = {
    method: 'PUT',
    url: `${CSE}/v2/${PROJECT}/enginemgr/engines/${ENGINE}/actions`,
    headers: new Headers({ 'Content-Type': 'application/json', 'User-Agent': 'ua/1' }),
    body: '{"action":"Retry"}',
  };

  it('uses node:crypto in Node', async () => {
    expect(nodeSha256()).toBeDefined();
    expect(defaultSha256()).not.toBe(webSha256);
    expect((await akskSigner(creds)(request, NOW))['X-Sdk-Date']).toBe('20250314T092653Z');
  });

  it('falls back to Web Crypto where the runtime has no process.getBuiltinModule', async () => {
    const original = process.getBuiltinModule;
    try {
      (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
      vi.resetModules();
      const fresh = await import('../../src/client/sha256.js');
      expect(fresh.nodeSha256()).toBeUndefined();
      expect(fresh.defaultSha256()).toBe(fresh.webSha256);
    } finally {
      process.getBuiltinModule = original;
      vi.resetModules();
    }
  });

  it.each(PATHS)('%s: one signer signs many requests alike; the one-shot signRequest agrees', async (_, sha) => {
    const sign = akskSigner(creds, { sha256: sha });
    const first = await sign(request, NOW);
    expect(await sign(request, NOW)).toEqual(first);
    expect(await signRequest(request, creds, NOW)).toEqual(first);
  });

  it.each(PATHS)('%s: string, ArrayBuffer, view and SharedArrayBuffer-backed bodies hash alike', async (_, sha) => {
    const sign = akskSigner(creds, { sha256: sha });
    const bytes = new TextEncoder().encode(request.body);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length + 4), 2, bytes.length);
    shared.set(bytes);
    const expected = await sign(request, NOW);
    for (const body of [bytes, bytes.buffer, new DataView(bytes.buffer), shared]) {
      expect(await sign({ ...request, body }, NOW)).toEqual(expected);
    }
  });

  it.each(PATHS)('%s: names in `unsigned` are sent but not signed; no body and an empty one sign alike', async (_, sha) => {
    const unsigned = akskSigner(creds, { sha256: sha, unsigned: ['user-agent'] });
    const all = akskSigner(creds, { sha256: sha });
    expect((await unsigned(request, NOW))['Authorization']).not.toContain('user-agent');
    expect((await all(request, NOW))['Authorization']).toContain('user-agent');
    // '' and no body at all are the same request to the gateway.
    const get = { ...request, method: 'GET', body: undefined };
    expect(await all({ ...get, body: '' }, NOW)).toEqual(await all(get, NOW));
  });

  it('stamps X-Sdk-Date from the clock when no date is given', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const sign = akskSigner(creds);
      const at = async (ms: number) => {
        vi.setSystemTime(ms);
        return (await sign(request))['X-Sdk-Date'];
      };
      const t = Date.UTC(2026, 10, 29, 23, 59, 59);
      expect(await at(t)).toBe('20261129T235959Z');
      expect(await at(t + 999)).toBe('20261129T235959Z');
      expect(await at(t + 1000)).toBe('20261130T000000Z');
      expect(await at(t - 1)).toBe('20261129T235958Z');
      expect((await sign(request))['Authorization']).toBe((await sign(request, new Date(t - 1)))['Authorization']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects empty keys when the signer is made, naming neither key', () => {
    expect(() => akskSigner({ accessKey: AK, secretKey: '' })).toThrow(/accessKey and secretKey must be non-empty/);
    expect(() => akskSigner({ accessKey: '', secretKey: SK })).toThrow(/non-empty/);
  });
});
