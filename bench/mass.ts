import type { Client } from './http.ts';
import { sampleMemory, type BenchServer, type PeakMemory } from './server.ts';

/**
 * Mass actions and export at scale (issue #13), once each against a running server, as the administrator:
 *
 * - tag ~100,000 contacts (the contacts of the first owners until 100,000 are reached) with a marker, transfer them to
 *   another owner and back (each a job, timed from the POST to the job's end), then take the marker off again, so the
 *   data set ends as it began (versions and timeline entries aside);
 * - export every contact to CSV over HTTP (streamed to nowhere), timed to the last byte, the server's peak RSS sampled.
 */
export interface MassReport {
  selected: number;
  addTagsMs: number;
  transferMs: number;
  transferBackMs: number;
  removeTagsMs: number;
  exportMs: number;
  exportBytes: number;
  exportRows: number;
  exportPeak: PeakMemory | null;
  idle: PeakMemory | null;
}

interface Job { id: string; status: string; total: number | null; processed: number; succeeded: number; skipped: number; error: string | null }

async function runJob(admin: Client, module: string, body: unknown): Promise<{ ms: number; job: Job }> {
  const t = performance.now();
  let job = await admin.ok<Job>('POST', `/api/v1/${module}/bulk`, body);
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, 50));
    job = await admin.ok<Job>('GET', `/api/v1/jobs/${job.id}`);
  }
  const ms = performance.now() - t;
  if (job.status !== 'done') throw new Error(`job ${job.id} ended ${job.status}: ${job.error ?? ''}`);
  return { ms, job };
}

export async function measureMass(server: BenchServer, admin: Client, adminToken: string, log: (s: string) => void, target = 100_000): Promise<MassReport> {
  const users = (await admin.ok<{ data: Array<{ id: string }> }>('GET', '/api/v1/users?limit=200')).data.map((u) => u.id);
  const owners: string[] = [];
  let selected = 0;
  for (const id of users) {
    const filter = JSON.stringify({ match: 'all', conditions: [{ field: 'ownerId', op: 'anyOf', value: [...owners, id] }] });
    const { total } = await admin.ok<{ total: number }>('GET', `/api/v1/contacts?limit=1&count=true&filter=${encodeURIComponent(filter)}`);
    owners.push(id);
    selected = total;
    if (total >= target) break;
  }
  const marker = `bench-mass-${Date.now().toString(36)}`;
  const tagged = (tag: string) => ({ match: 'all', conditions: [{ field: 'tags', op: 'anyOf', value: [tag] }] });
  const other = users.find((u) => !owners.includes(u)) ?? users[0];
  log(`mass: ${selected} contacts of ${owners.length} owner(s); tagging, transferring to ${other} and back`);
  // Each owner's share gets its own marker, so the set can go back to the owners it came from.
  let addTagsMs = 0;
  for (const o of owners) {
    const byOwner = { match: 'all', conditions: [{ field: 'ownerId', op: 'is', value: o }] };
    addTagsMs += (await runJob(admin, 'contacts', { action: 'addTags', tags: [marker, `${marker}-${o}`], selection: { all: true, filter: byOwner } })).ms;
  }
  const there = await runJob(admin, 'contacts', { action: 'transferOwner', ownerId: other, selection: { all: true, filter: tagged(marker) } });
  let backMs = 0;
  let removeTagsMs = 0;
  for (const o of owners) backMs += (await runJob(admin, 'contacts', { action: 'transferOwner', ownerId: o, selection: { all: true, filter: tagged(`${marker}-${o}`) } })).ms;
  for (const o of owners) removeTagsMs += (await runJob(admin, 'contacts', { action: 'removeTags', tags: [marker, `${marker}-${o}`], selection: { all: true, filter: tagged(`${marker}-${o}`) } })).ms;
  log(`mass: add tags ${addTagsMs.toFixed(0)} ms, transfer ${there.ms.toFixed(0)} ms (${there.job.succeeded} moved, ${there.job.skipped} skipped), back ${backMs.toFixed(0)} ms, remove tags ${removeTagsMs.toFixed(0)} ms`);

  const idle = sampleMemory(server).stop();
  const sampler = sampleMemory(server, 100);
  const base = server.url;
  const t = performance.now();
  const res = await fetch(`${base}/api/v1/contacts/export?format=csv&columns=fullName,accountName,position,primaryEmail,primaryPhone,owner,tags,createdAt`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
  let bytes = 0;
  let rows = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const b of chunk) if (b === 10) rows++;
  }
  const exportMs = performance.now() - t;
  const exportPeak = sampler.stop();
  log(`mass: export ${rows - 1} contacts, ${(bytes / 1e6).toFixed(0)} MB in ${exportMs.toFixed(0)} ms; peak RSS ${exportPeak?.rssMb.toFixed(0) ?? '?'} MB (idle ${idle?.rssMb.toFixed(0) ?? '?'} MB)`);
  return { selected, addTagsMs, transferMs: there.ms, transferBackMs: backMs, removeTagsMs, exportMs, exportBytes: bytes, exportRows: rows - 1, exportPeak, idle };
}
