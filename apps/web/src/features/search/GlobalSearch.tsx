import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { CommandPalette } from './CommandPalette';
import { HeaderSearch } from './HeaderSearch';
import { paletteShortcut, usePaletteShortcut } from './shortcuts';
import './search.css';

/**
 * The global search in the app shell: the search box (a search button when the sidebar is collapsed) and the command
 * palette that Ctrl+K / Cmd+K and `/` open on every page.
 */
export function GlobalSearch({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const [paletteOpen, setPaletteOpen] = useState(false);
  usePaletteShortcut(() => setPaletteOpen((open) => !open));
  const open = () => setPaletteOpen(true);
  return (
    <>
      {collapsed ? (
        <Tooltip label={`${t('search.label')} (${paletteShortcut(t)})`} position="right">
          <ActionIcon variant="subtle" color="gray" size={36} onClick={open} aria-label={t('search.label')} className="k-search-collapsed" data-testid="search-button">
            <IconSearch size={18} stroke={1.6} />
          </ActionIcon>
        </Tooltip>
      ) : (
        <HeaderSearch onOpenPalette={open} />
      )}
      <CommandPalette opened={paletteOpen} onClose={() => setPaletteOpen(false)} />
    </>
  );
}
