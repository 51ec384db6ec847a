import { describe, expect, it } from 'vitest';
import { CATEGORY_CODES } from './categories.js';

describe('category order', () => {
  it('lists 三类 first, then work types by code (01 before 10, 99 last)', () => {
    expect(CATEGORY_CODES).toEqual([
      'A',
      'B',
      'C1',
      'C2',
      'C3',
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      '99',
    ]);
  });
});
