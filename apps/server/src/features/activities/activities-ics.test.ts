import { describe, expect, it } from 'vitest';
import { useHarness } from '../../test/harness.ts';
import { makeActivity } from '../../test/factories.ts';
import { attachmentDisposition, escapeText, foldLine } from './activities.ics.ts';

const { h, admin } = useHarness();

/** Content lines of an iCalendar text: CRLF only, continuation lines unfolded (RFC 5545 3.1). */
function contentLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const physical = text.slice(0, -2).split('\r\n');
  for (const l of physical) expect(Buffer.byteLength(l, 'utf8'), l).toBeLessThanOrEqual(75);
  return physical.reduce<string[]>((out, l) => (l.startsWith(' ') ? [...out.slice(0, -1), `${out.at(-1) ?? ''}${l.slice(1)}`] : [...out, l]), []);
}
/** The value of the first property `name` (parameters kept in `params`). */
function prop(lines: string[], name: string): { params: string; value: string } | undefined {
  const line = lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
  if (!line) return undefined;
  const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  return { params: line.slice(name.length, colon), value: line.slice(colon + 1) };
}
const unescape = (v: string) => v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('calendar file', () => {
  it('is a valid iCalendar event with organizer, attendees, escaped and folded text', async () => {
    const colleague = await h.client('sales');
    const description = `Agenda; pricing, rollout\\plan\nZweite Zeile: Größenordnung 😀 ${'long text '.repeat(12)}`;
    const m = await makeActivity(admin, {
      type: 'meeting', subject: 'Kick-off, Müller & Co; phase 2', startAt: '2091-03-06T13:00:00+01:00', durationMinutes: 90, location: 'Room 4, Level 2', description, participantIds: [colleague.userId],
    });
    const res = await admin.get(`/api/v1/activities/${m.id}/ics`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Kick-off_ M_ller _ Co_ phase 2.ics"; filename*=UTF-8''${encodeURIComponent('Kick-off, Müller & Co; phase 2.ics')}`);
    const lines = contentLines(res.body);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(prop(lines, 'PRODID')?.value).toMatch(/Kontor/);
    expect(prop(lines, 'UID')?.value).toBe(`activity-${m.id}@localhost`);
    expect(prop(lines, 'DTSTAMP')?.value).toMatch(/^\d{8}T\d{6}Z$/);
    expect(prop(lines, 'DTSTART')?.value).toBe('20910306T120000Z');
    expect(prop(lines, 'DTEND')?.value).toBe('20910306T133000Z');
    expect(prop(lines, 'SUMMARY')?.value).toBe('Kick-off\\, Müller & Co\\; phase 2');
    expect(prop(lines, 'LOCATION')?.value).toBe('Room 4\\, Level 2');
    expect(unescape(prop(lines, 'DESCRIPTION')?.value ?? '')).toBe(description.trim());
    expect(res.body).toMatch(/\r\n /); // the description is folded
    const colleagueEmail = (await admin.get(`/api/v1/users/${colleague.userId}`)).json<{ email: string; name: string }>();
    const adminUser = (await admin.get(`/api/v1/users/${admin.userId}`)).json<{ email: string; name: string }>();
    expect(prop(lines, 'ORGANIZER')).toEqual({ params: `;CN="${adminUser.name}"`, value: `mailto:${adminUser.email}` });
    expect(prop(lines, 'ATTENDEE')).toEqual({ params: `;CN="${colleagueEmail.name}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION`, value: `mailto:${colleagueEmail.email}` });
    // The UID stays the same when the meeting changes; the sequence grows.
    await admin.patch(`/api/v1/activities/${m.id}`, { startAt: '2091-03-07T13:00:00Z', version: m.version });
    const again = contentLines((await admin.get(`/api/v1/activities/${m.id}/ics`)).body);
    expect(prop(again, 'UID')?.value).toBe(`activity-${m.id}@localhost`);
    expect(prop(again, 'SEQUENCE')?.value).toBe('1');
    expect(prop(again, 'DTSTART')?.value).toBe('20910307T130000Z');
  });

  it('uses dates for an all-day meeting and refuses a task', async () => {
    const fair = await makeActivity(admin, { type: 'meeting', subject: 'Trade fair', allDay: true, startAt: '2091-04-01', endAt: '2091-04-03' });
    const lines = contentLines((await admin.get(`/api/v1/activities/${fair.id}/ics`)).body);
    expect(prop(lines, 'DTSTART')).toEqual({ params: ';VALUE=DATE', value: '20910401' });
    expect(prop(lines, 'DTEND')).toEqual({ params: ';VALUE=DATE', value: '20910404' });
    const call = await makeActivity(admin, { type: 'call', subject: 'Plain', startAt: '2091-04-01T08:00:00Z' });
    const callRes = await admin.get(`/api/v1/activities/${call.id}/ics`);
    expect(callRes.headers['content-disposition']).toBe('attachment; filename="Plain.ics"');
    expect(prop(contentLines(callRes.body), 'DTEND')).toBeUndefined();
    const task = await makeActivity(admin, { type: 'task' });
    const refused = await admin.get(`/api/v1/activities/${task.id}/ics`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/task/);
    expect((await admin.get('/api/v1/activities/999999/ics')).statusCode).toBe(404);
  });
});

describe('iCalendar text', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a character', () => {
    const line = `DESCRIPTION:${'ä'.repeat(60)}${'😀'.repeat(20)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(2);
    for (const part of folded) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(foldLine('SHORT:1')).toBe('SHORT:1');
  });

  it('names the file safely, with RFC 5987 for what ASCII cannot say', () => {
    expect(attachmentDisposition('Q3 review', 'ics')).toBe('attachment; filename="Q3 review.ics"');
    expect(attachmentDisposition('季度 "review"/..\\x', 'ics')).toBe(`attachment; filename="_ _review_ .. x.ics"; filename*=UTF-8''${encodeURIComponent('季度 "review" .. x.ics')}`);
    expect(attachmentDisposition('\u0000\r\n', 'ics')).toBe('attachment; filename="activity.ics"');
  });
});
