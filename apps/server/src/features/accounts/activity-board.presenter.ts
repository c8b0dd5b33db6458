import { activityTypes, type ActivityType } from '@kontor/contract/activities';
import type { ActivityBoardCard, BoardActivity } from '@kontor/contract/activity-board';
import type { Money } from '@kontor/contract/deals';
import { toApiId } from '../../lib/ids.ts';
import type { BoardCardRow } from './activity-board.repository.ts';

function nextActivity(r: BoardCardRow): BoardActivity | null {
  if (r.next_activity_at == null) return null;
  if (r.activity_id == null) return { hidden: true, at: r.next_activity_at };
  const type = activityTypes.find((t): t is ActivityType => t === r.activity_type) ?? 'task';
  return { hidden: false, id: toApiId(r.activity_id), type, subject: r.activity_subject ?? '', at: r.next_activity_at };
}

export function presentBoardCard(r: BoardCardRow, wonValue: Money[]): ActivityBoardCard {
  return {
    id: toApiId(r.id),
    name: r.name,
    owner: r.owner_id != null && r.owner_name != null ? { id: toApiId(r.owner_id), name: r.owner_name } : null,
    nextActivity: nextActivity(r),
    lastActivityAt: r.last_activity_at,
    wonValue,
  };
}
