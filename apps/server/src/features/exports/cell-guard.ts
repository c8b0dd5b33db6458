/**
 * Formula injection (CSV/XLSX "CSV injection"): a spreadsheet treats a text cell that begins with `=`, `+`, `-` or
 * `@` as a formula, and some also after a leading tab or carriage return. Such text is prefixed with `'`, which
 * spreadsheets show as text and never evaluate. Only text is guarded: a value exported as a number (an amount, a
 * negative number) is written as a number and stays one.
 */

/** A cell of an export row: text, a number, a boolean or empty. Dates travel as ISO text and are typed by their column. */
export type Cell = string | number | boolean | null;

const RISKY_START = /^[=+\-@\t\r]/;

/** Whether a text would be read as a formula by a spreadsheet. */
export const isRiskyText = (text: string): boolean => RISKY_START.test(text);

/** The text as it is written into a file: `'` before a formula-like start, unchanged otherwise. */
export const guardText = (text: string): string => (isRiskyText(text) ? `'${text}` : text);
