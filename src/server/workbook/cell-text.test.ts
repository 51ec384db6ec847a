import { describe, expect, it } from 'vitest';
import { cellText, excelDate, isDateFormat, numberText, ooxmlText } from './cell-text.mjs';

const shared = ['姓名', '吉建安C2（2023）0001234'];
const cell = (over: Partial<Parameters<typeof cellText>[0]>) =>
  cellText({ type: null, value: null, inline: null, date: false, date1904: false, shared, ...over });

describe('the text of a workbook cell, as the user sees it', () => {
  it('shared strings by index, inline strings (rich runs already joined), formula strings', () => {
    expect(cell({ type: 's', value: '1' })).toBe('吉建安C2（2023）0001234');
    expect(cell({ type: 's', value: '7' })).toBe('');
    expect(cell({ type: 'inlineStr', inline: '类别/工种代码' })).toBe('类别/工种代码');
    expect(cell({ type: 'str', value: '张三' })).toBe('张三');
    expect(cell({ type: 'b', value: '1' })).toBe('TRUE');
    expect(cell({ type: 'e', value: '#N/A' })).toBe('#N/A');
    expect(cell({})).toBe('');
  });

  it('numbers without a trailing .0 and without float noise; long digit strings kept exactly', () => {
    expect(numberText('85')).toBe('85');
    expect(numberText('85.0')).toBe('85');
    expect(numberText('60.5')).toBe('60.5');
    expect(numberText('0.30000000000000004')).toBe('0.3');
    expect(numberText('220102198001011234')).toBe('220102198001011234');
    expect(numberText('2.20102198001012E+17')).toBe('220102198001012000');
    expect(numberText('1E-3')).toBe('0.001');
    expect(cell({ value: '99' })).toBe('99');
    expect(cell({ type: 'n', value: '59.9' })).toBe('59.9');
  });

  it('dates stored as numbers under a date format, in either date system, and ISO dates', () => {
    expect(excelDate(45056, false)).toBe('2023-05-10');
    expect(excelDate(45056.75, false)).toBe('2023-05-10');
    expect(excelDate(1, false)).toBe('1900-01-01');
    expect(excelDate(61, false)).toBe('1900-03-01');
    expect(excelDate(43594, true)).toBe('2023-05-10');
    expect(cell({ value: '45056', date: true })).toBe('2023-05-10');
    expect(cell({ type: 'd', value: '2023-05-10T00:00:00Z' })).toBe('2023-05-10');
    expect(cell({ type: 'str', value: '2023-05-10', date: true })).toBe('2023-05-10');
  });

  it('tells date formats from number formats', () => {
    for (const code of ['yyyy-mm-dd', 'YYYY\\-MM\\-DD', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d', 'm/d/yy h:mm', 'dd.mm.yyyy'])
      expect(isDateFormat(code)).toBe(true);
    for (const code of ['General', '0.0', '#,##0', '@', '0.00"元"', '[Red]0.00', '"Day" 0'])
      expect(isDateFormat(code)).toBe(false);
  });

  it('decodes the _xHHHH_ escapes of OOXML strings', () => {
    expect(ooxmlText('a_x000D_b')).toBe('a\rb');
    expect(ooxmlText('_x005F_x0041_')).toBe('_x0041_');
  });
});
