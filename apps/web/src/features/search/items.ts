import type { TablerIcon } from '@tabler/icons-react';
import { foldText } from '@kontor/contract/fold';
import { searchTypes, type SearchHit, type SearchType } from '@kontor/contract/search';

/** A page to jump to, an action to run or a language to switch to: the palette's rows besides records. */
export interface PaletteCommand {
  id: string;
  group: CommandGroup;
  label: string;
  /** More words that find the command (the English names too, so "deals" finds "Geschäfte" in German). */
  keywords: string[];
  icon: TablerIcon;
  run: () => void;
}
export const commandGroups = ['pages', 'actions', 'language'] as const;
export type CommandGroup = (typeof commandGroups)[number];

/** One row of the result list; every row can be reached with the arrow keys and opened with Enter. */
export type ResultItem =
  | { kind: 'command'; id: string; command: PaletteCommand }
  | { kind: 'hit'; id: string; hit: SearchHit }
  /** "Show all contacts matching …": the list page filtered with the query. */
  | { kind: 'seeAll'; id: string; type: SearchType; q: string };

export interface ResultSection {
  key: CommandGroup | SearchType;
  items: ResultItem[];
}

/**
 * Commands whose label or keywords contain every word typed, each word at the start of a word ("new con" finds
 * "New contact"); case and accents do not matter. With nothing typed, every command but the language switches.
 */
export function filterCommands(commands: PaletteCommand[], query: string): PaletteCommand[] {
  const words = foldText(query).split(' ').filter(Boolean);
  if (words.length === 0) return commands.filter((c) => c.group !== 'language');
  return commands.filter((c) => {
    const haystack = [c.label, ...c.keywords].map((s) => ` ${foldText(s)}`).join(' ');
    return words.every((w) => haystack.includes(` ${w}`));
  });
}

/** Commands in their groups, then the hits grouped by type in the contract's order, each group with its "show all". */
export function buildSections(commands: PaletteCommand[], hits: SearchHit[], q: string): ResultSection[] {
  const sections: ResultSection[] = [];
  for (const group of commandGroups) {
    const items = commands.filter((c) => c.group === group).map((command): ResultItem => ({ kind: 'command', id: `cmd-${command.id}`, command }));
    if (items.length > 0) sections.push({ key: group, items });
  }
  for (const type of searchTypes) {
    const ofType = hits.filter((h) => h.type === type);
    if (ofType.length === 0) continue;
    const items: ResultItem[] = ofType.map((hit) => ({ kind: 'hit', id: `hit-${type}-${hit.id}`, hit }));
    items.push({ kind: 'seeAll', id: `all-${type}`, type, q });
    sections.push({ key: type, items });
  }
  return sections;
}

export const flattenSections = (sections: ResultSection[]): ResultItem[] => sections.flatMap((s) => s.items);

/**
 * The second line of a hit: the account (or a lead's company) first, as it tells two namesakes apart, then the primary
 * e-mail and phone, whichever it has; the line is cut at its end when it is too long.
 */
export function hitDetails(hit: SearchHit): string[] {
  const company = hit.account?.name ?? hit.company;
  return [hit.type === 'account' ? null : company, hit.email, hit.phone].filter((s): s is string => Boolean(s));
}
