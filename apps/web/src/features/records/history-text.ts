import type { TFunction } from 'i18next';
import type { RecordHistoryEntry } from '@kontor/contract/audit';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * One history entry as a sentence ("Anna Schmidt changed the owner from Ben to Clara"). Names come with the entry;
 * a role shared with is looked up by `roleName`.
 */
export function historySentence(t: TFunction, e: RecordHistoryEntry, roleName: (id: string) => string | null): string {
  const actor = e.actor?.name || t('history.someone');
  const user = (id: unknown) => {
    const key = str(id);
    return (key && e.userNames[key]) || t('history.unknownUser');
  };
  const d = e.details;
  switch (e.action) {
    case 'record.owner_change': {
      const to = user(d.toOwnerId);
      if (d.fromOwnerId == null) return t('history.ownerSet', { actor, to });
      return t(d.via === 'transfer' ? 'history.ownerTransferred' : 'history.ownerChanged', { actor, from: user(d.fromOwnerId), to });
    }
    case 'record.share': {
      const access = t(d.access === 'write' ? 'history.access_write' : 'history.access_read');
      const roleId = str(d.roleId);
      if (roleId) return t('history.sharedWithRole', { actor, role: roleName(roleId) ?? t('history.unknownRole'), access });
      return t('history.sharedWithUser', { actor, name: user(d.userId), access });
    }
    case 'record.unshare': {
      const roleId = str(d.roleId);
      if (roleId) return t('history.unsharedRole', { actor, role: roleName(roleId) ?? t('history.unknownRole') });
      // Entries written before the history named the user say only that a share ended.
      return str(d.userId) ? t('history.unsharedUser', { actor, name: user(d.userId) }) : t('history.unshared', { actor });
    }
    case 'record.restrict': {
      const to = d.restrictedTo;
      if (!Array.isArray(to)) return t('history.lifted', { actor });
      if (!to.length) return t('history.restrictedOwner', { actor });
      return t('history.restricted', { actor, names: to.map(user).join(', ') });
    }
  }
}
