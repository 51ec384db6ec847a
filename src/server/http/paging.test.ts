import { describe, expect, it } from 'vitest';
import { pageWithTotal } from './paging.js';

describe('pageWithTotal', () => {
  it('takes the total from the rows, and counts on its own only past the last page', async () => {
    let counted = 0;
    const count = async () => ((counted += 1), 42);
    expect(await pageWithTotal([{ total: 42, id: 1 }], { page: 3 }, count)).toEqual({ total: 42, rows: [{ total: 42, id: 1 }] });
    expect(counted).toBe(0);
    expect(await pageWithTotal([], { page: 1 }, count)).toEqual({ total: 0, rows: [] });
    expect(counted).toBe(0);
    expect(await pageWithTotal([], { page: 9 }, count)).toEqual({ total: 42, rows: [] });
    expect(counted).toBe(1);
  });
});
