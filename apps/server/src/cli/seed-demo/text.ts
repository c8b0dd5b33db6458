/** Text helpers for names, domains and numbers in the demo data. */

export function ascii(text: string): string {
  return text
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ı/g, 'i');
}

export const slug = (text: string): string =>
  ascii(text)
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
