import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { HeaderSearch } from './HeaderSearch';
import { paletteShortcut, usePaletteShortcut } from './shortcuts';
import './search.css';

// The palette (its commands and actions) is a chunk of its own, fetched when it first opens (issue #14).
const CommandPalette = lazy(() => import('./CommandPalette').then((m) => ({ default: m.CommandPalette })));

/**
 * The global search in the app shell: the search box (a search button when the sidebar is collapsed) and the command
 * palette that Ctrl+K / Cmd+K and `/` open on every page.
 */
export function GlobalSearch({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [paletteUsed, setPaletteUsed] = useState(false);
  const toggle = (open: boolean) => {
    setPaletteOpen(open);
    if (open) setPaletteUsed(true);
  };
  usePaletteShortcut(() => toggle(!paletteOpen));
  const open = () => toggle(true);
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
      {paletteUsed ? (
        <Suspense fallback={null}>
          <CommandPalette opened={paletteOpen} onClose={() => setPaletteOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
