import type { ImportFormat } from '@kontor/contract/imports';
import { firstBytes } from '../import-file.ts';
import { openCsv } from './csv-reader.ts';
import { openVcard } from './vcard-reader.ts';
import { openXlsx } from './xlsx-reader.ts';
import { openXml } from './xml-reader.ts';
import { SourceError, type ByteSource, type OpenedSource, type OpenOptions } from './source.ts';

/**
 * Which reader a file needs, by its content first (a zip is a workbook whatever its name; a file that begins with
 * `BEGIN:VCARD` is a vCard file even when called .txt), and by its name where the content cannot tell.
 */
export function detectFormat(head: Uint8Array, fileName: string): ImportFormat {
  if (head.length === 0) throw new SourceError('empty_file', 'The file is empty.');
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return 'xlsx';
  const text = leadingText(head).replace(/^\uFEFF/, '').trimStart();
  if (/^begin:vcard/i.test(text)) return 'vcard';
  if (text.startsWith('<')) return 'xml';
  if (/\.(xlsx|xlsm)$/i.test(fileName)) throw new SourceError('zip_malformed', 'The file is named as an Excel workbook but is not one.');
  if (/\.(xls)$/i.test(fileName)) throw new SourceError('unknown_format', 'Excel 97-2003 workbooks (.xls) cannot be read: save the sheet as .xlsx or CSV.');
  return 'csv';
}

/** The first characters of a file whatever its Unicode encoding (enough to see `<` or `BEGIN:VCARD`). */
function leadingText(head: Uint8Array): string {
  const sample = head.subarray(0, 512);
  if (sample[0] === 0xff && sample[1] === 0xfe) return new TextDecoder('utf-16le').decode(sample);
  if (sample[0] === 0xfe && sample[1] === 0xff) return new TextDecoder('utf-16be').decode(sample);
  return new TextDecoder('utf-8').decode(sample);
}

/** Opens a file with the reader for its format. */
export async function openSource(source: ByteSource, options: OpenOptions): Promise<OpenedSource> {
  const format = detectFormat(await firstBytes(source, 4096), options.fileName);
  switch (format) {
    case 'xlsx':
      return openXlsx(source, options);
    case 'xml':
      return openXml(source, options);
    case 'vcard':
      return openVcard(source, options);
    case 'csv':
      return openCsv(source, options);
  }
}
