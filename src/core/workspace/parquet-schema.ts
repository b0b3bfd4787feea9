/**
 * The tables of a workspace exported as Parquet and their columns (docs/parquet.md): the export
 * (src/core/export/parquet/) writes them and the import (src/core/import/read-parquet.ts) reads
 * them back by these names.
 */
import { ACCESS_FLEX, ACCESS_SUBSCRIPTION, ACCESS_UNKNOWN, METHOD_DEFAULT, METHOD_GROUP, type AccessCode } from './batch';

/** A column's type in the files: text, 32-bit integers, calendar dates, 32- or 64-bit floats. */
export type ColumnType = 'STRING' | 'INT32' | 'DATE' | 'FLOAT' | 'DOUBLE';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  /** False: never null in the file. */
  nullable: boolean;
}

const text = (name: string, nullable = true): ColumnDef => ({ name, type: 'STRING', nullable });
const int = (name: string, nullable = false): ColumnDef => ({ name, type: 'INT32', nullable });
const date = (name: string, nullable = true): ColumnDef => ({ name, type: 'DATE', nullable });

/** Every table's columns, in file order: the export writes them and the import reads them by these names. */
export const TABLE_COLUMNS = {
  teams: [text('team', false)],
  products: [text('product', false)],
  collections: [text('collection', false), text('product', false)],
  users: [
    int('user_id'),
    text('user_key', false),
    text('email'),
    text('hashed_id'),
    text('autodesk_id'),
    text('first_name'),
    text('last_name'),
    text('role'),
  ],
  rows: [int('user_id'), text('team', false), text('product_name', false), text('access_option', false), text('versions')],
  assignments: [
    int('user_id'),
    text('team', false),
    text('product_name', false),
    text('access_option', false),
    date('assigned_date'),
    date('unassigned_date'),
    text('method', false),
    text('group_name'),
  ],
  events: [
    int('user_id'),
    text('team', false),
    text('product_name', false),
    text('access_option', false),
    date('day', false),
    { name: 'tokens', type: 'FLOAT', nullable: false },
  ],
  subscriptions: [
    text('subscription_id', false),
    text('team', false),
    text('offering_name'),
    int('seat_quantity'),
    text('plan'),
    text('term'),
    date('start_date'),
    date('end_date'),
    date('autorenew_date'),
    text('contract_number'),
    text('subscription_status'),
  ],
  token_purchases: [
    text('team', false),
    date('purchase_date', false),
    { name: 'quantity', type: 'DOUBLE', nullable: false },
    date('expiry_date'),
    text('note'),
  ],
  usage_report: [
    int('user_id'),
    text('team', false),
    text('product_name', false),
    text('access_option'),
    text('group_name'),
    date('assigned_date'),
    date('unassigned_date'),
    text('seat_assignment'),
    text('user_activity'),
    int('days_used', true),
    { name: 'monthly_average', type: 'DOUBLE', nullable: true },
    date('last_accessed'),
    int('days_inactive', true),
    { name: 'tokens_used', type: 'DOUBLE', nullable: true },
  ],
} satisfies Record<string, ColumnDef[]>;

export type TableName = keyof typeof TABLE_COLUMNS;
export const TABLE_NAMES = Object.keys(TABLE_COLUMNS) as TableName[];

export const ACCESS_NAMES: Record<AccessCode, string | null> = {
  [ACCESS_UNKNOWN]: null,
  [ACCESS_SUBSCRIPTION]: 'Subscription',
  [ACCESS_FLEX]: 'Flex',
};
export const METHOD_NAMES: Record<number, string> = { [METHOD_GROUP]: 'group', [METHOD_DEFAULT]: 'default' };
/** A method the file does not name is direct: the merge makes every assignment direct, group or default. */
export const DIRECT = 'direct';

/** The access code a file's `access_option` names (the export writes `Subscription` or `Flex`). */
export function accessCode(name: string | null): AccessCode {
  return name === 'Flex' ? ACCESS_FLEX : name === 'Subscription' ? ACCESS_SUBSCRIPTION : ACCESS_UNKNOWN;
}
