// Plain JavaScript on purpose: this module runs inside the workbook worker
// thread, which must load the same way under tsx, vitest and plain node.

const pad = (n) => String(n).padStart(2, '0');
const DAY = 86_400_000;

/** OOXML strings escape characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
export function ooxmlText(s) {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))) : s;
}

/** An Excel serial day as YYYY-MM-DD (the time of day dropped), in the 1900 or the 1904 date system. */
export function excelDate(serial, date1904) {
  const days = Math.floor(serial);
  let ms;
  if (date1904) ms = Date.UTC(1904, 0, 1) + days * DAY;
  // Excel counts the 29 February 1900 that never was: serials before it are one day off.
  else ms = days < 60 ? Date.UTC(1899, 11, 31) + days * DAY : Date.UTC(1899, 11, 30) + days * DAY;
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, with the CJK ones 27–36 and 50–58). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
export const isDateFormatId = (id) => DATE_FORMAT_IDS.has(id);

/** Whether a custom format code shows a date: any d, m, y, h or s outside quotes, escapes and [brackets]. */
export function isDateFormat(code) {
  if (/\[(h+|m+|s+)\]/i.test(code)) return true; // elapsed time
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare);
}

/**
 * A number as the user typed it: integers without ".0", no binary float noise
 * (Excel itself shows 15 significant digits), and a long run of digits such as
 * an ID number kept exactly as stored.
 */
export function numberText(raw) {
  const s = raw.trim();
  if (/^-?\d+$/.test(s)) return s.replace(/^(-?)0+(?=\d)/, '$1');
  const n = Number(s);
  if (!Number.isFinite(n)) return s;
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const short = Number(n.toPrecision(15));
  const text = String(short);
  return /e/i.test(text) ? short.toFixed(20).replace(/\.?0+$/, '') : text;
}

/**
 * The text of one cell. `type` is the cell's t attribute, `value` the text of
 * its <v> (a formula's cached result included), `inline` the joined runs of an
 * inline string, `date` whether its style has a date format.
 */
export function cellText({ type, value, inline, date, date1904, shared }) {
  switch (type) {
    case 's':
      return shared[Number(value)] ?? '';
    case 'inlineStr':
      return inline ?? value ?? '';
    case 'str':
      return value ?? '';
    case 'b':
      return value === '1' || value === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return value ?? '';
    case 'd':
      return value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : (value ?? '');
    default: {
      if (value === null || value === undefined || value === '') return inline ?? '';
      if (date && Number.isFinite(Number(value))) return excelDate(Number(value), date1904);
      return numberText(value);
    }
  }
}
