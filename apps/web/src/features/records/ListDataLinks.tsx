import { useTranslation } from 'react-i18next';
import { Link, useRouter } from '@tanstack/react-router';
import { Button } from '@mantine/core';
import { IconCopy, IconUpload } from '@tabler/icons-react';
import { importModules, type ImportModule } from '@kontor/contract/imports';
import { useMyRights } from '../auth/permissions';
import type { RecordModule } from './api';

const isImportModule = (m: RecordModule): m is ImportModule => (importModules as readonly string[]).includes(m);

/** The list toolbar's ways to the pages about a module's data: Import (issue #15) and the likely duplicates (issue #16). */
export function ListDataLinks({ module }: { module: RecordModule }) {
  const { t } = useTranslation();
  const router = useRouter();
  const rights = useMyRights();
  return (
    <>
      {isImportModule(module) && rights.can(module, 'import') ? (
        <Button variant="default" onClick={() => void router.navigate({ to: '/imports/new', search: { module } })} size="compact-sm" leftSection={<IconUpload size={15} />} data-testid="import-open">
          {t('imports.button')}
        </Button>
      ) : null}
      {module === 'contacts' || module === 'accounts' ? (
        <Button component={Link} to={`/${module}/duplicates`} variant="default" size="compact-sm" leftSection={<IconCopy size={15} />} data-testid="duplicates-open">
          {t('duplicates.button')}
        </Button>
      ) : null}
    </>
  );
}
