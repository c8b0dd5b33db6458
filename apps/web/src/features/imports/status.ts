import type { TFunction } from 'i18next';
import type { Import, ImportStatus } from '@kontor/contract/imports';

/** Statuses in which the import still changes by itself (the page polls it). */
export const isImportActive = (s: ImportStatus): boolean => s === 'queued' || s === 'running' || s === 'undoing';

/** Where the wizard stands for an import: a draft is mapped (or previewed), a moving one is watched, anything else reported. */
export type WizardStep = 'map' | 'preview' | 'run' | 'report';
export function wizardStep(imp: Pick<Import, 'status'>, asked: 'map' | 'preview' | undefined): WizardStep {
  if (imp.status === 'draft') return asked === 'preview' ? 'preview' : 'map';
  if (isImportActive(imp.status)) return 'run';
  return 'report';
}

/** The stepper's index of a step (upload is 0). */
export const stepIndex: Record<WizardStep | 'upload', number> = { upload: 0, map: 1, preview: 2, run: 3, report: 4 };

/** A fraction done, 0..100, or null when the total is not known yet. */
export function progressPercent(progress: Import['progress']): number | null {
  if (!progress || progress.total === null || progress.total <= 0) return null;
  return Math.min(100, Math.max(0, (progress.processed / progress.total) * 100));
}

const layoutKeys = new Set(['outlook', 'google', 'zoho', 'salesforce', 'hubspot', 'pipedrive', 'kontor', 'dynamics']);
const delimiterKeys: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** What was detected, in one line: "Outlook export, Windows-1252, comma" (only the parts that apply). */
export function detectedText(t: TFunction, imp: Pick<Import, 'format' | 'layout' | 'encoding' | 'delimiter'>): string {
  const parts: string[] = [];
  if (imp.layout) parts.push(layoutKeys.has(imp.layout) ? t(`imports.layouts.${imp.layout}`) : t('imports.layouts.other', { name: imp.layout }));
  else parts.push(t(`imports.formats.${imp.format}`));
  if (imp.encoding) parts.push(encodingName(imp.encoding));
  if (imp.delimiter) {
    const key = delimiterKeys[imp.delimiter];
    parts.push(key ? t(`imports.delimiters.${key}`) : `"${imp.delimiter}"`);
  }
  return parts.join(', ');
}

/** Encodings as people know them: `windows-1252` is "Windows-1252", `utf-16le` "UTF-16 LE". */
export function encodingName(encoding: string): string {
  const e = encoding.toLowerCase();
  if (e === 'utf-8') return 'UTF-8';
  if (e === 'utf-16le') return 'UTF-16 LE';
  if (e === 'utf-16be') return 'UTF-16 BE';
  if (e === 'gbk' || e === 'gb18030') return e.toUpperCase();
  const win = /^windows-(\d+)$/.exec(e);
  if (win) return `Windows-${win[1] ?? ''}`;
  return encoding;
}

/** Files the wizard accepts, by extension (the server decides by content; this only guides the file picker). */
export const ACCEPTED_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.xml', '.vcf', '.vcard'] as const;
export const acceptsFileName = (name: string): boolean => ACCEPTED_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));

/** "1.2 MB" in the user's locale. */
export function fileSizeText(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i] ?? 'B'}`;
}
