import { describe, expect, it } from 'vitest';
import { guessColumns, guessMapping, synonymField, valueKind } from '../../src/core/import/mapping-guess';
import { readFile } from '../../src/core/import/read-file';
import { csv } from '../support/workspace-from-csv';

const textFile = (name: string, text: string) => ({ name, size: text.length, lastModified: 0, source: text });

describe('names the exports never use', () => {
  it('reads the usual words for an email, a day and a product', () => {
    expect(synonymField('Mail address')).toBe('email');
    expect(synonymField('User name')).toBe('email');
    expect(synonymField('Work e-mail')).toBe('email');
    expect(synonymField('Date')).toBe('day_used');
    expect(synonymField('Application')).toBe('product_name');
    expect(synonymField('Software')).toBe('product_name');
    expect(synonymField('Tokens (Flex)')).toBe('tokens_used');
  });

  it("leaves someone else's address and unknown words alone", () => {
    expect(synonymField('Contract manager email')).toBeUndefined();
    expect(synonymField('Reseller e-mail')).toBeUndefined();
    expect(synonymField('Colour')).toBeUndefined();
  });

  it('fills the fields of the kind of export from those names', () => {
    const g = guessColumns('usage', ['Mail address', 'Software', 'Date'], [], {});
    expect(g.columns).toEqual({ email: 0, product_name: 1, day_used: 2 });
    expect(g.guessed).toEqual({ email: 'name', product_name: 'name', day_used: 'name' });
  });

  it('offers a field only to a kind that reads it', () => {
    // A Subscriptions export has no day used nor email.
    expect(guessColumns('subscriptions', ['Mail address', 'Date'], [], {}).columns).toEqual({});
  });
});

describe('what the values look like', () => {
  it('tells emails, dates, decimal and whole numbers and text apart', () => {
    expect(valueKind(['ann@corp.test', 'bo@corp.test', ''])).toBe('email');
    expect(valueKind(['2026-10-01', '10/02/2026', '4 Mar 2026'])).toBe('date');
    expect(valueKind(['12.5', '3', '0.25'])).toBe('decimal');
    expect(valueKind(['2024', '2025'])).toBe('number');
    expect(valueKind(['Revit', 'AutoCAD'])).toBe('text');
    expect(valueKind(['', ' '])).toBe('empty');
  });

  it('maps a column of emails to Email, of dates to Day used, of decimals in a usage file to Tokens used', () => {
    const header = ['Who', 'Product', 'When', 'Spent'];
    const rows = [
      ['ann@corp.test', 'Revit', '2026-10-01', '12.5'],
      ['bo@corp.test', 'AutoCAD', '2026-10-02', '3.25'],
    ];
    const g = guessColumns('usage', header, rows, { product_name: 1 });
    expect(g.columns).toEqual({ email: 0, product_name: 1, day_used: 2, tokens_used: 3 });
    expect(g.guessed).toEqual({ email: 'values', day_used: 'values', tokens_used: 'values' });
  });

  it('reads decimals as tokens only in a usage file', () => {
    const rows = [['ann@corp.test', '12.5']];
    expect(guessColumns('users', ['Who', 'Amount'], rows, {}).columns).toEqual({ email: 0 });
    expect(guessColumns('token_usage', ['Who', 'Amount'], rows, {}).columns).toEqual({ email: 0, tokens_used: 1 });
  });
});

describe('what a guess never does', () => {
  it('never guesses one column for two fields', () => {
    // "Mail" is an email by its name and by its values: one field only; the second email column stays free.
    const header = ['Mail', 'Backup', 'Date'];
    const rows = [['ann@corp.test', 'ann@home.test', '2026-10-01']];
    const g = guessColumns('usage', header, rows, {});
    expect(g.columns).toEqual({ email: 0, day_used: 2 });
    const used = Object.values(g.columns);
    expect(new Set(used).size).toBe(used.length);
  });

  it('never overrides a column the known names give', () => {
    const header = ['Email', 'Contact', 'day_used', 'Date'];
    const rows = [['ann@corp.test', 'bo@corp.test', '2026-10-01', '2026-10-02']];
    const g = guessColumns('usage', header, rows, { email: 0, day_used: 2 });
    expect(g.columns.email).toBe(0);
    expect(g.columns.day_used).toBe(2);
    expect(g.guessed.email).toBeUndefined();
    expect(g.guessed.day_used).toBeUndefined();
  });

  it('never takes a column a known name claims for a field this kind does not read', () => {
    // `status` is the Subscriptions status: in a usage file it is not read, and not taken for Day used either.
    const g = guessColumns('usage', ['Mail', 'Product', 'status'], [['a@corp.test', 'Revit', '2026-10-01']], { product_name: 1 });
    expect(g.columns).toEqual({ email: 0, product_name: 1 });
  });
});

describe('the kind and columns the mapping step opens with', () => {
  it('takes "Mail address, Application, Usage date" for a usage file, all three filled', () => {
    const g = guessMapping(['Mail address', 'Application', 'Usage date'], [['ann@corp.test', 'Revit', '2026-10-01']]);
    expect(g.section).toBe('usage');
    expect(g.columns).toEqual({ email: 0, product_name: 1, day_used: 2 });
  });

  it('keeps the kind the known names suggested', () => {
    const g = guessMapping(['Login', 'Role'], [['ann@corp.test', 'Admin']], { section: 'users', columns: { role: 1 } });
    expect(g.section).toBe('users');
    expect(g.columns).toEqual({ role: 1, email: 0 });
  });

  it('is not thrown off by a lone known name that another kind would weigh higher', async () => {
    // "Usage date" alone points nowhere firm (the known names alone would suggest Subscriptions); with the guesses it is usage.
    const text = csv('Member,Mail address,Application,Usage date', 'Ann Lee,ann.lee@example.com,Revit,2026-10-01');
    const out = await readFile(textFile('lone.csv', text));
    expect(!out.ok && out.mapping?.guess).toEqual({ section: 'usage', columns: { email: 1, product_name: 2, day_used: 3 } });
    expect(!out.ok && out.reason).toContain('it looks like Usage (daily)');
  });

  it('comes with the mapping request of a file it does not recognise, which is never imported on a guess', async () => {
    const out = await readFile(
      textFile(
        'weird.csv',
        csv('Member,Mail address,Application,When', 'Ann Lee,ann@corp.test,Revit,2026-10-01', 'Bo Chan,bo@corp.test,AutoCAD,2026-10-02'),
      ),
    );
    expect(out.ok).toBe(false);
    const mapping = !out.ok ? out.mapping : undefined;
    expect(mapping?.guess).toEqual({ section: 'usage', columns: { email: 1, product_name: 2, day_used: 3 } });
    // What the header's own names give stays apart from the guesses.
    expect(mapping?.sections.usage.columns).toEqual({});
    expect(mapping?.sections.usage.guessed).toEqual({
      email: { column: 1, from: 'name' },
      product_name: { column: 2, from: 'name' },
      day_used: { column: 3, from: 'values' },
    });
  });
});
