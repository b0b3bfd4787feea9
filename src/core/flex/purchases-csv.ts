/**
 * Token purchases from a file (docs/flex.md, "Purchases from a CSV"):
 * a CSV with a purchase date, a quantity, and optionally team, expiry and note.
 * Bad rows are named with their row and column.
 */
import Papa from 'papaparse';
import { formatDay } from '../vocabulary/days';
import type { TokenPurchase } from './flex-usage';
import { foldHeader } from '../import/headers';
import { parseDate, parseNumber, type SlashOrder } from '../import/parse-values';
import { decideSlashOrder } from '../import/read-file';

const COLUMNS = {
  date: ['purchase_date', 'date', 'purchased', 'purchased_on', 'order_date'],
  quantity: ['quantity', 'tokens', 'token_quantity', 'tokens_purchased', 'amount'],
  expiry: ['expiry', 'expiry_date', 'expiration_date', 'end_date', 'expires'],
  team: ['team', 'team_alias', 'team_name'],
  note: ['note', 'notes', 'description', 'order', 'order_number'],
} as const;

export interface PurchasesParse {
  purchases: TokenPurchase[];
  errors: { row: number; column: string; reason: string }[];
}

export function parsePurchasesCsv(text: string, defaultTeam: string): PurchasesParse | { error: string } {
  const rows = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] }).data;
  if (rows.length < 2) return { error: 'The file has no purchases.' };
  const header = rows[0]!.map(foldHeader);
  const at = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const col = {
    date: at(COLUMNS.date),
    quantity: at(COLUMNS.quantity),
    expiry: at(COLUMNS.expiry),
    team: at(COLUMNS.team),
    note: at(COLUMNS.note),
  };
  if (col.date < 0 || col.quantity < 0)
    return { error: 'It needs a purchase date column and a quantity column (e.g. purchase_date, quantity).' };
  const order: SlashOrder = decideSlashOrder(
    rows.slice(1),
    [col.date, col.expiry].filter((i) => i >= 0),
  ).order;
  const purchases: TokenPurchase[] = [];
  const errors: PurchasesParse['errors'] = [];
  rows.slice(1).forEach((r, i) => {
    const row = i + 2;
    const date = parseDate(r[col.date] ?? '', order);
    if (!date.ok) {
      errors.push({ row, column: rows[0]![col.date]!, reason: date.reason });
      return;
    }
    const qty = parseNumber(r[col.quantity] ?? '');
    if (!qty.ok || qty.value <= 0) {
      errors.push({ row, column: rows[0]![col.quantity]!, reason: qty.ok ? 'must be more than 0' : qty.reason });
      return;
    }
    let expiry = '';
    if (col.expiry >= 0 && (r[col.expiry] ?? '').trim()) {
      const e = parseDate(r[col.expiry]!, order);
      if (!e.ok || e.day <= date.day) {
        errors.push({ row, column: rows[0]![col.expiry]!, reason: e.ok ? 'must be after the purchase date' : e.reason });
        return;
      }
      expiry = formatDay(e.day);
    }
    purchases.push({
      team: (col.team >= 0 ? r[col.team]?.trim() : '') || defaultTeam,
      date: formatDay(date.day),
      quantity: qty.value,
      expiry,
      note: col.note >= 0 ? (r[col.note] ?? '').trim() : '',
    });
  });
  return { purchases, errors };
}
