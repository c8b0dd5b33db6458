import { IconFile, IconFileMusic, IconFileSpreadsheet, IconFileText, IconFileTypeDoc, IconFileTypePdf, IconFileTypePpt, IconFileZip, IconPhoto, IconVideo, type Icon } from '@tabler/icons-react';
import { currentLocale } from '../../lib/i18n';

export type FileKind = 'pdf' | 'image' | 'video' | 'audio' | 'archive' | 'spreadsheet' | 'presentation' | 'document' | 'text' | 'other';

/** What a file is, from its declared type and, failing that, its extension. */
export function fileKind(mime: string, name: string): FileKind {
  const ext = (name.split('.').pop() ?? '').toLowerCase();
  if (mime === 'application/pdf' || ext === 'pdf') return 'pdf';
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  if (/(zip|compressed|x-tar|gzip|x-7z|rar)/.test(mime) || ['zip', 'gz', 'tgz', '7z', 'rar', 'tar'].includes(ext)) return 'archive';
  if (/(spreadsheet|excel|csv)/.test(mime) || ['xls', 'xlsx', 'ods', 'csv'].includes(ext)) return 'spreadsheet';
  if (/(presentation|powerpoint)/.test(mime) || ['ppt', 'pptx', 'odp', 'key'].includes(ext)) return 'presentation';
  if (/(msword|wordprocessing|opendocument\.text|rtf)/.test(mime) || ['doc', 'docx', 'odt', 'rtf'].includes(ext)) return 'document';
  if (mime.startsWith('text/') || ['txt', 'md', 'eml', 'vcf', 'ics'].includes(ext)) return 'text';
  return 'other';
}

export const fileIcons: Record<FileKind, Icon> = {
  pdf: IconFileTypePdf,
  image: IconPhoto,
  video: IconVideo,
  audio: IconFileMusic,
  archive: IconFileZip,
  spreadsheet: IconFileSpreadsheet,
  presentation: IconFileTypePpt,
  document: IconFileTypeDoc,
  text: IconFileText,
  other: IconFile,
};

const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** A size in the reader's language: "812 bytes", "2.4 MB", "2,4 MB", "2.4 兆字节". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(currentLocale(), { style: 'unit', unit: units[unit], unitDisplay: unit === 0 ? 'long' : 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}
