import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Kbd, Loader, Modal, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconHelpCircle, IconSearch } from '@tabler/icons-react';
import { maxSearchQueryLength } from '@kontor/contract/search';
import { usePaletteCommands } from './commands';
import { buildSections, filterCommands, flattenSections } from './items';
import { useActiveRow } from './navigation';
import { ResultList, rowDomId } from './ResultList';
import { NoResults, SearchStatus } from './SearchStatus';
import { SearchTips } from './SearchTips';
import { useChooseItem } from './useChooseItem';
import { useSearchState } from './useSearchState';

/** Hits per record type in the palette. */
const PALETTE_LIMIT = 5;

/** The command palette (Ctrl+K, `/`): one field that jumps to pages, runs actions and finds records. */
export function CommandPalette({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal.Root opened={opened} onClose={onClose} size={640} yOffset="10vh" radius="md" returnFocus>
      <Modal.Overlay backgroundOpacity={0.35} blur={1} />
      <Modal.Content aria-label={t('search.paletteLabel')} data-testid="command-palette">
        {/* mounted only while open, so every opening starts empty */}
        <PaletteBody onClose={onClose} />
      </Modal.Content>
    </Modal.Root>
  );
}

function PaletteBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const listId = useId();
  const tipsId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [tipsOpen, setTipsOpen] = useState(false);
  const commands = filterCommands(usePaletteCommands(), text);
  const state = useSearchState(text, PALETTE_LIMIT);
  const hits = state.phase === 'ready' ? state.hits : [];
  const sections = buildSections(commands, hits, state.searched);
  const items = flattenSections(sections);
  const choose = useChooseItem(onClose);
  const rows = useActiveRow(items, choose, { firstByDefault: true, enterOpensDefault: !state.stale || rows0IsCommand(items) });
  const activeId = rows.active?.id ?? null;

  return (
    <>
      <div className="k-palette-input">
        <TextInput
          ref={input}
          data-autofocus
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            rows.setActiveId(null);
          }}
          onKeyDown={(e) => void rows.onKeyDown(e)}
          placeholder={t('search.palettePlaceholder')}
          maxLength={maxSearchQueryLength}
          variant="unstyled"
          size="md"
          leftSection={<IconSearch size={18} stroke={1.7} />}
          rightSection={state.stale || state.phase === 'loading' ? <Loader size={16} /> : null}
          rightSectionPointerEvents="none"
          role="combobox"
          aria-label={t('search.label')}
          aria-autocomplete="list"
          aria-expanded={items.length > 0}
          aria-controls={items.length > 0 ? listId : undefined}
          aria-activedescendant={rows.active ? rowDomId(listId, rows.active) : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid="palette-input"
        />
      </div>
      <div className="k-search-panel k-palette-panel" tabIndex={0} role="region" aria-label={t('search.resultsLabel')} data-searched={state.searched} data-stale={state.stale || state.phase === 'loading'}>
        <SearchStatus state={state} hasRows={items.length > 0} />
        <ResultList listId={listId} label={t('search.resultsLabel')} sections={sections} activeId={activeId} onHover={rows.setActiveId} onChoose={choose} />
        <NoResults state={state} belowRows={items.length > 0} />
        {tipsOpen ? (
          <SearchTips
            id={tipsId}
            onPick={(example) => {
              setText(example);
              rows.setActiveId(null);
              input.current?.focus();
            }}
          />
        ) : null}
      </div>
      <Group justify="space-between" gap="xs" className="k-search-footer" wrap="nowrap">
        <Group gap={14} wrap="nowrap" className="k-search-keys">
          <Text size="xs" c="dimmed" component="span">
            <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('search.keys.move')}
          </Text>
          <Text size="xs" c="dimmed" component="span">
            <Kbd size="xs">↵</Kbd> {t('search.keys.open')}
          </Text>
          <Text size="xs" c="dimmed" component="span">
            <Kbd size="xs">Esc</Kbd> {t('search.keys.close')}
          </Text>
        </Group>
        <UnstyledButton className="k-search-footer-button" onMouseDown={(e) => e.preventDefault()} onClick={() => setTipsOpen((v) => !v)} aria-expanded={tipsOpen} aria-controls={tipsId} data-testid="search-tips-toggle">
          <IconHelpCircle size={14} aria-hidden />
          {t('search.tips.title')}
        </UnstyledButton>
      </Group>
    </>
  );
}

/** Commands are matched as one types, so the first row is current even while the records are still being searched. */
const rows0IsCommand = (items: { kind: string }[]) => items[0]?.kind === 'command';
