import { describe, expect, it } from 'vitest';
import { parsePurchasesCsv } from '../../src/core/flex/purchases-csv';

describe('token purchases from a CSV (docs/flex.md)', () => {
  it('reads date, quantity, expiry, team and note in the usual spellings', () => {
    const r = parsePurchasesCsv(
      '\ufeffPurchase Date;Tokens;Expiry Date;Team;Order\n25/01/2026;"10 000";;MEP;PO-1\n2026-03-01;2500;2026-12-31;;PO-2\n',
      'Default',
    );
    expect(r).toEqual({
      purchases: [
        { date: '2026-01-25', quantity: 10_000, expiry: '', team: 'MEP', note: 'PO-1' },
        { date: '2026-03-01', quantity: 2_500, expiry: '2026-12-31', team: 'Default', note: 'PO-2' },
      ],
      errors: [],
    });
  });
  it('names the rows and columns it cannot read', () => {
    const r = parsePurchasesCsv('date,quantity,expiry\nsoon,10,\n2026-01-01,-5,\n2026-01-01,5,2025-01-01\n', 'T');
    if ('error' in r) throw new Error(r.error);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'date'],
      [3, 'quantity'],
      [4, 'expiry'],
    ]);
  });
  it('refuses a file without date and quantity columns', () => {
    expect(parsePurchasesCsv('team,note\nA,b\n', 'T')).toEqual({
      error: expect.stringMatching(/purchase date column and a quantity column/),
    });
  });
});
