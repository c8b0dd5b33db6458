import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';
import { ImportRefusal, uploadError } from './api';
import { parseImportNewSearch, parseImportSearch } from './search';
import { acceptsFileName, detectedText, encodingName, fileSizeText, progressPercent, wizardStep } from './status';
import { SKIP, targetGroups, targetLabel, type Labels } from './targets';

// A translator that shows the key and its params, so a test sees which key and which values were used.
const t = ((key: string, params?: Record<string, unknown>) => (params ? `${key}${JSON.stringify(params)}` : key)) as unknown as TFunction;
const known = new Set(['imports.targets.labels.work', 'imports.targets.special.company', 'imports.targets.special.tags']);
const labels: Labels = { t, exists: (k) => known.has(k), field: (key) => `FIELD(${key})` };

describe('where the wizard stands', () => {
  it('a draft maps, or previews when asked; a moving import runs; anything else is reported', () => {
    expect(wizardStep({ status: 'draft' }, undefined)).toBe('map');
    expect(wizardStep({ status: 'draft' }, 'preview')).toBe('preview');
    for (const s of ['queued', 'running', 'undoing'] as const) expect(wizardStep({ status: s }, 'preview')).toBe('run');
    for (const s of ['done', 'failed', 'cancelled', 'undone'] as const) expect(wizardStep({ status: s }, undefined)).toBe('report');
  });

  it('progress is a share of the total, unknown without one', () => {
    expect(progressPercent({ processed: 3, total: 12, rowsPerSecond: 1, etaSeconds: 9 })).toBe(25);
    expect(progressPercent({ processed: 20, total: 12, rowsPerSecond: null, etaSeconds: null })).toBe(100);
    expect(progressPercent({ processed: 5, total: null, rowsPerSecond: null, etaSeconds: null })).toBeNull();
    expect(progressPercent(null)).toBeNull();
  });
});

describe('what was detected', () => {
  it('names the layout, the encoding and the delimiter', () => {
    expect(detectedText(t, { format: 'csv', layout: 'outlook', encoding: 'windows-1252', delimiter: ',' })).toBe('imports.layouts.outlook, Windows-1252, imports.delimiters.comma');
    expect(detectedText(t, { format: 'xlsx', layout: null, encoding: null, delimiter: null })).toBe('imports.formats.xlsx');
    expect(detectedText(t, { format: 'csv', layout: 'acme', encoding: 'utf-16le', delimiter: '#' })).toBe('imports.layouts.other{"name":"acme"}, UTF-16 LE, "#"');
  });
  it('writes encodings as people know them', () => {
    expect(encodingName('utf-8')).toBe('UTF-8');
    expect(encodingName('gbk')).toBe('GBK');
    expect(encodingName('windows-1250')).toBe('Windows-1250');
    expect(encodingName('iso-8859-2')).toBe('iso-8859-2');
  });
  it('accepts the file types the importer reads and sizes them', () => {
    expect(acceptsFileName('Kontakte.CSV')).toBe(true);
    expect(acceptsFileName('book.xlsx')).toBe(true);
    expect(acceptsFileName('cards.vcf')).toBe(true);
    expect(acceptsFileName('photo.jpg')).toBe(false);
    expect(fileSizeText(512, 'en')).toBe('512 B');
    expect(fileSizeText(1536, 'en')).toBe('1.5 KB');
    expect(fileSizeText(1536, 'de')).toBe('1,5 KB');
  });
});

describe('mapping targets in the user language', () => {
  it('labels each kind of target', () => {
    expect(targetLabel(labels, 'field:firstName')).toBe('FIELD(firstName)');
    expect(targetLabel(labels, 'email:work')).toBe('imports.targets.point{"kind":"imports.targets.kinds.email","label":"imports.targets.labels.work"}');
    expect(targetLabel(labels, 'phone:* Büro')).toBe('imports.targets.point{"kind":"imports.targets.kinds.phone","label":"Büro"}');
    expect(targetLabel(labels, 'address:work:city')).toBe('imports.targets.addressPart{"label":"imports.targets.labels.work","part":"imports.targets.addressParts.city"}');
    expect(targetLabel(labels, 'email#2:value')).toBe('imports.targets.numbered{"kind":"imports.targets.kinds.email","n":"2","part":"imports.targets.value"}');
    expect(targetLabel(labels, 'company')).toBe('imports.targets.special.company');
    expect(targetLabel(labels, 'custom:cod_client', 'Cod client')).toBe('Cod client');
    expect(targetLabel(labels, 'primaryContact', 'Primary contact')).toBe('Primary contact');
  });

  it('groups the options with "Don\'t import" first and keeps chosen targets the server does not list', () => {
    const groups = targetGroups(
      labels,
      [
        { target: 'tags', group: 'meta', label: 'Tags' },
        { target: 'field:firstName', group: 'field', label: 'First name' },
        { target: 'fullName', group: 'name', label: 'Full name' },
      ],
      ['field:firstName', null, 'phone#1:value'],
    );
    expect(groups.map((g) => g.group)).toEqual(['imports.map.skipGroup', 'imports.targets.groups.name', 'imports.targets.groups.field', 'imports.targets.groups.meta', 'imports.targets.groups.other']);
    expect(groups[0]?.items).toEqual([{ value: SKIP, label: 'imports.map.skip' }]);
    expect(groups.at(-1)?.items.map((i) => i.value)).toEqual(['phone#1:value']);
    expect(groups.flatMap((g) => g.items).filter((i) => i.value === 'field:firstName')).toHaveLength(1);
  });
});

describe('addresses', () => {
  it('reads the preselected module and the step, ignoring anything else', () => {
    expect(parseImportNewSearch({ module: 'contacts' })).toEqual({ module: 'contacts' });
    expect(parseImportNewSearch({ module: 'activities' })).toEqual({});
    expect(parseImportSearch({ step: 'preview' })).toEqual({ step: 'preview' });
    expect(parseImportSearch({ step: 'run' })).toEqual({});
  });
});

describe('upload refusals', () => {
  const body = (fields: Record<string, unknown>, code = 'validation_failed') => ({ error: { code, message: 'The file is empty.', fields: { file: 'The file is empty.' }, details: { fields } } });
  it('keeps the reader code of the file field so the wizard can translate it', () => {
    const e = uploadError(400, body({ file: { code: 'zip_bomb', message: 'too big inside' } }), 'Bad Request');
    expect(e).toBeInstanceOf(ImportRefusal);
    expect((e as ImportRefusal).refusal).toBe('zip_bomb');
  });
  it('treats 413 as too large and other errors as API errors', () => {
    expect((uploadError(413, null, 'Payload Too Large') as ImportRefusal).refusal).toBe('file_too_large');
    const other = uploadError(403, { error: { code: 'forbidden', message: 'no' } }, 'Forbidden');
    expect(other).toBeInstanceOf(ApiError);
    expect((other as ApiError).code).toBe('forbidden');
    expect(uploadError(400, body({ file: { code: 'required', message: 'x' } }), 'Bad Request')).toBeInstanceOf(ApiError);
  });
});
