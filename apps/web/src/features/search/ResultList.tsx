import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Badge, Group, Text } from '@mantine/core';
import { IconAddressBook, IconArrowRight, IconBuilding, IconReportMoney, IconUserSearch } from '@tabler/icons-react';
import type { SearchType } from '@kontor/contract/search';
import { hitDetails, type ResultItem, type ResultSection } from './items';

export const typeIcons = { contact: IconAddressBook, account: IconBuilding, lead: IconUserSearch, deal: IconReportMoney } as const satisfies Record<SearchType, unknown>;

/** A group's heading: the module's name for records, "Go to" / "Actions" / "Language" for commands. */
function sectionHeading(t: TFunction, key: ResultSection['key']): string {
  switch (key) {
    case 'contact':
      return t('nav.contacts');
    case 'account':
      return t('nav.accounts');
    case 'lead':
      return t('nav.leads');
    case 'deal':
      return t('nav.deals');
    case 'pages':
      return t('search.groups.pages');
    case 'actions':
      return t('search.groups.actions');
    case 'language':
      return t('search.groups.language');
  }
}

function seeAllLabel(t: TFunction, type: SearchType, q: string): string {
  switch (type) {
    case 'contact':
      return t('search.seeAll.contact', { q });
    case 'account':
      return t('search.seeAll.account', { q });
    case 'lead':
      return t('search.seeAll.lead', { q });
    case 'deal':
      return t('search.seeAll.deal', { q });
  }
}

/** The DOM id of a row (aria-activedescendant); `listId` keeps the header box's rows apart from the palette's. */
export const rowDomId = (listId: string, item: ResultItem) => `${listId}-${item.id}`;

interface ResultListProps {
  listId: string;
  label: string;
  sections: ResultSection[];
  activeId: string | null;
  onHover: (id: string) => void;
  onChoose: (item: ResultItem) => void;
}

/**
 * The grouped rows as an ARIA listbox: the input keeps the focus and points at the highlighted row with
 * aria-activedescendant. Pressing a row does not take the focus from the input; hovering highlights it.
 */
export function ResultList({ listId, label, sections, activeId, onHover, onChoose }: ResultListProps) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!activeId) return;
    document.getElementById(`${listId}-${activeId}`)?.scrollIntoView({ block: 'nearest' });
  }, [listId, activeId]);
  if (sections.length === 0) return null;
  return (
    <div role="listbox" id={listId} aria-label={label} className="k-search-list" data-testid="search-results">
      {sections.map((section) => {
        const headingId = `${listId}-group-${section.key}`;
        return (
          <div role="group" aria-labelledby={headingId} key={section.key} data-testid={`search-group-${section.key}`}>
            <div id={headingId} className="k-search-heading" role="presentation">
              {sectionHeading(t, section.key)}
            </div>
            {section.items.map((item) => (
              <div
                key={item.id}
                id={rowDomId(listId, item)}
                role="option"
                aria-selected={item.id === activeId}
                className="k-search-row"
                data-active={item.id === activeId}
                data-kind={item.kind}
                data-testid={item.kind === 'hit' ? 'search-hit' : item.kind === 'seeAll' ? 'search-see-all' : `search-command-${item.kind === 'command' ? item.command.id : ''}`}
                onMouseMove={() => item.id !== activeId && onHover(item.id)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onChoose(item)}
              >
                <RowContent item={item} t={t} />
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}

function RowContent({ item, t }: { item: ResultItem; t: TFunction }) {
  if (item.kind === 'command') {
    const Icon = item.command.icon;
    return (
      <Group gap={10} wrap="nowrap">
        <Icon size={16} stroke={1.6} className="k-search-icon" aria-hidden />
        <Text size="sm" truncate>
          {item.command.label}
        </Text>
      </Group>
    );
  }
  if (item.kind === 'seeAll') {
    return (
      <Group gap={10} wrap="nowrap">
        <IconArrowRight size={16} stroke={1.6} className="k-search-icon" aria-hidden />
        <Text size="sm" c="dimmed" truncate>
          {seeAllLabel(t, item.type, item.q)}
        </Text>
      </Group>
    );
  }
  const { hit } = item;
  const Icon = typeIcons[hit.type];
  const details = hitDetails(hit);
  return (
    <Group gap={10} wrap="nowrap" align="center">
      <Icon size={16} stroke={1.6} className="k-search-icon" aria-hidden />
      <div className="k-search-hit-text">
        <Text size="sm" fw={500} truncate title={hit.title} data-testid="search-hit-title">
          {hit.title}
        </Text>
        {details.length > 0 ? (
          <Text size="xs" c="dimmed" truncate title={details.join(' · ')} data-testid="search-hit-details">
            {details.join(' · ')}
          </Text>
        ) : null}
      </div>
      {hit.match === 'fuzzy' ? (
        <Text size="xs" c="dimmed" className="k-search-tag">
          {t('search.similarSpelling')}
        </Text>
      ) : null}
      {hit.ownedByMe ? (
        <Badge size="sm" variant="light" color="gray" radius="sm" className="k-search-tag" styles={{ label: { textTransform: 'none', fontWeight: 500 } }} data-testid="search-hit-mine">
          {t('search.ownedByMe')}
        </Badge>
      ) : null}
    </Group>
  );
}
