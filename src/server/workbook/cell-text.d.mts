/** Types of cell-text.mjs (plain JavaScript so that the worker thread loads it anywhere). */
export function ooxmlText(s: string): string;
export function excelDate(serial: number, date1904: boolean): string;
export function isDateFormatId(id: number): boolean;
export function isDateFormat(code: string): boolean;
export function numberText(raw: string): string;
export function cellText(cell: {
  type: string | null;
  value: string | null;
  inline: string | null;
  date: boolean;
  date1904: boolean;
  shared: string[];
}): string;
