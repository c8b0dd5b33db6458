import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Kbd, Loader, Popover, TextInput, UnstyledButton } from '@mantine/core';
import { IconHelpCircle, IconSearch } from '@tabler/icons-react';
import { maxSearchQueryLength } from '@kontor/contract/search';
import { buildSections, flattenSections } from './items';
import { useActiveRow } from './navigation';
import { ResultList, rowDomId } from './ResultList';
import { NoResults, SearchStatus } from './SearchStatus';
import { SearchTips } from './SearchTips';
import { isMac, paletteShortcut } from './shortcuts';
import { useChooseItem } from './useChooseItem';
import { useSearchState } from './useSearchState';

/** Hits per record type in the header's dropdown. */
const HEADER_LIMIT = 5;

/**
 * The search box at the top of the sidebar: typing shows the records that match in a dropdown beside it; the arrows
 * and Enter pick one. (Pages and actions are the palette's, Ctrl+K.)
 */
export function HeaderSearch({ onOpenPalette }: { onOpenPalette: () => void }) {
  const { t } = useTranslation();
  const listId = useId();
  const tipsId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [tipsOpen, setTipsOpen] = useState(false);
  const state = useSearchState(text, HEADER_LIMIT);
  const sections = state.phase === 'ready' ? buildSections([], state.hits, state.searched) : [];
  const items = flattenSections(sections);
  const choose = useChooseItem(() => {
    setOpen(false);
    setText('');
    input.current?.blur();
  });
  const rows = useActiveRow(items, choose, { firstByDefault: false, enterOpensDefault: !state.stale });
  const dropdownOpen = open && (text.trim() !== '' || tipsOpen);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (dropdownOpen) setOpen(false);
      else if (text !== '') setText('');
      else input.current?.blur();
      return;
    }
    if (!dropdownOpen && e.key === 'ArrowDown' && text.trim() !== '') {
      e.preventDefault();
      setOpen(true);
      return;
    }
    rows.onKeyDown(e);
  };

  return (
    <Popover
      opened={dropdownOpen}
      onDismiss={() => setOpen(false)}
      position="bottom-start"
      width={560}
      offset={6}
      shadow="md"
      radius="md"
      withRoles={false}
      trapFocus={false}
      returnFocus={false}
      closeOnEscape={false}
    >
      <Popover.Target>
        <TextInput
          ref={input}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setOpen(true);
            rows.setActiveId(null);
          }}
          onFocus={() => setOpen(true)}
          // the palette (Ctrl+K) or a click elsewhere takes the focus: the dropdown must not float over what comes next
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          placeholder={t('search.placeholder', { shortcut: paletteShortcut(t) })}
          maxLength={maxSearchQueryLength}
          leftSection={<IconSearch size={16} stroke={1.7} />}
          rightSection={state.stale || state.phase === 'loading' ? <Loader size={14} /> : null}
          rightSectionPointerEvents="none"
          size="sm"
          radius="md"
          className="k-header-search"
          role="combobox"
          aria-label={t('search.label')}
          aria-autocomplete="list"
          aria-expanded={dropdownOpen}
          aria-controls={dropdownOpen && items.length > 0 ? listId : undefined}
          aria-activedescendant={dropdownOpen && rows.active ? rowDomId(listId, rows.active) : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid="header-search"
        />
      </Popover.Target>
      {/* pressing anywhere in the dropdown keeps the focus in the field (rows, tips and buttons act on click) */}
      <Popover.Dropdown p={0} data-testid="header-search-dropdown" onMouseDown={(e) => e.preventDefault()}>
        <div className="k-search-panel k-search-panel-dropdown" tabIndex={0} role="region" aria-label={t('search.resultsLabel')} data-searched={state.searched} data-stale={state.stale || state.phase === 'loading'}>
          {text.trim() !== '' ? (
            <>
              <SearchStatus state={state} hasRows={false} />
              <NoResults state={state} belowRows={false} />
            </>
          ) : null}
          <ResultList listId={listId} label={t('search.resultsLabel')} sections={sections} activeId={rows.active?.id ?? null} onHover={rows.setActiveId} onChoose={choose} />
          {tipsOpen ? (
            <SearchTips
              id={tipsId}
              onPick={(example) => {
                setText(example);
                input.current?.focus();
              }}
            />
          ) : null}
        </div>
        <Group justify="space-between" gap="xs" className="k-search-footer" wrap="nowrap">
          <UnstyledButton className="k-search-footer-button" onMouseDown={(e) => e.preventDefault()} onClick={() => setTipsOpen((v) => !v)} aria-expanded={tipsOpen} aria-controls={tipsId} data-testid="search-tips-toggle">
            <IconHelpCircle size={14} aria-hidden />
            {t('search.tips.title')}
          </UnstyledButton>
          <UnstyledButton
            className="k-search-footer-button"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setOpen(false);
              onOpenPalette();
            }}
          >
            <Kbd size="xs">{isMac ? '⌘' : t('search.ctrlKey')}</Kbd>
            <Kbd size="xs">K</Kbd>
            {t('search.openPalette')}
          </UnstyledButton>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
