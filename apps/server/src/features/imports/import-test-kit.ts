import fs from 'node:fs';
import { expect } from 'vitest';
import type { Import, ImportOptionsInput, ImportProblem } from '@kontor/contract/imports';
import { multipartFile } from '../../test/factories.ts';
import type { TestClient } from '../../test/harness.ts';

/** Test support for imports: the real fixtures, an upload, a run to its end through the API. */

export const fixturesDir = new URL('../../../../../../shared/fixtures/real/', import.meta.url);
export const fixture = (name: string): Buffer => fs.readFileSync(new URL(name, fixturesDir));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function uploadImport(client: TestClient, module: string, name: string, content: Buffer): Promise<Import> {
  const res = await client.raw({ method: 'POST', url: `/api/v1/imports?module=${module}`, ...multipartFile(name, content) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Import>();
}

export async function waitForImport(client: TestClient, id: string, until: readonly string[] = ['done', 'failed', 'cancelled', 'undone']): Promise<Import> {
  for (let i = 0; i < 1200; i++) {
    const res = await client.get(`/api/v1/imports/${id}`);
    const imp = res.json<Import>();
    if (until.includes(imp.status)) return imp;
    await sleep(50);
  }
  throw new Error(`import ${id} did not finish`);
}

/** Uploads, sets options (and mapping changes), runs and waits: the import as it ended. */
export async function runImport(
  client: TestClient,
  module: string,
  name: string,
  content: Buffer,
  opts: { options?: ImportOptionsInput; mapping?: Array<{ column: number; target: string | null }>; dryRun?: boolean } = {},
): Promise<Import> {
  const imp = await uploadImport(client, module, name, content);
  if (opts.options || opts.mapping) {
    const res = await client.patch(`/api/v1/imports/${imp.id}`, { ...(opts.options && { options: opts.options }), ...(opts.mapping && { mapping: opts.mapping }) });
    expect(res.statusCode, res.body).toBe(200);
  }
  const started = await client.post(`/api/v1/imports/${imp.id}/start`, { dryRun: opts.dryRun ?? false });
  expect(started.statusCode, started.body).toBe(202);
  return waitForImport(client, imp.id);
}

export async function problemsOf(client: TestClient, id: string): Promise<ImportProblem[]> {
  const res = await client.get(`/api/v1/imports/${id}/problems?limit=500`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ data: ImportProblem[] }>().data;
}
