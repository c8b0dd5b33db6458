import { describe, expect, it } from 'vitest';
import type { Activity, MyActivities } from '@kontor/contract/activities';
import type { OrgDefaults } from '@kontor/contract/permissions';
import { useHarness } from '../../test/harness.ts';
import { makeActivity } from '../../test/factories.ts';

const { h, admin } = useHarness();

describe('activity participants', () => {
  it('see the activities they take part in, even with a private default, unless access is restricted; a purge takes the participants along', async () => {
    const settings = (await admin.get('/api/v1/settings')).json<{ orgDefaults: OrgDefaults }>();
    expect((await admin.put('/api/v1/settings', { ...settings, orgDefaults: { ...settings.orgDefaults, activities: 'private' } })).statusCode).toBe(200);
    const owner = await h.client('sales');
    const guest = await h.client('sales');
    const stranger = await h.client('sales');
    const meeting = await makeActivity(owner, { type: 'meeting', subject: 'Joint visit', startAt: '2091-05-04T09:00:00Z', durationMinutes: 60, participantIds: [guest.userId] });
    expect((await guest.get(`/api/v1/activities/${meeting.id}`)).statusCode).toBe(200);
    expect((await guest.get(`/api/v1/activities/${meeting.id}`)).json<Activity>().access.edit).toBe(false);
    expect((await guest.get('/api/v1/activities/mine?tz=UTC')).json<MyActivities>().upcoming.data.map((a) => a.id)).toContain(meeting.id);
    expect((await stranger.get(`/api/v1/activities/${meeting.id}`)).statusCode).toBe(404);

    const secret = await makeActivity(owner, { type: 'meeting', subject: 'Owner only', startAt: '2091-05-05T09:00:00Z', participantIds: [guest.userId], restrictedTo: [] });
    expect((await guest.get(`/api/v1/activities/${secret.id}`)).statusCode).toBe(404);

    expect((await owner.delete(`/api/v1/activities/${meeting.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/recycle-bin/activities/${meeting.id}`)).statusCode).toBe(204);
    expect(await h.database.db.selectFrom('activity_participants').select('user_id').where('activity_id', '=', Number(meeting.id)).execute()).toEqual([]);
  });
});
