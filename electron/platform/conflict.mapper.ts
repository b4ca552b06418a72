import type { ConflictVersion, ConflictView } from '../../shared/contract/conflicts';
import { wallIso } from '../changelog/merge';
import type { ConflictRow } from './conflict.repository';
import type { ColumnSpec, TableSpec } from './table-spec';

function version(
  value: string | null,
  hlc: string,
  ws: string | null,
  account: string | null,
  names: Names,
): ConflictVersion {
  return {
    value: value === null ? null : (JSON.parse(value) as unknown),
    at: wallIso(hlc),
    workstationId: ws,
    accountId: account,
    username: account ? (names.accounts.get(account) ?? null) : null,
    station: ws ? (names.stations.get(ws) ?? null) : null,
  };
}

/** Who wrote a version: account id → username here, station id → a peer's name. */
export interface Names {
  accounts: Map<string, string>;
  stations: Map<string, string>;
}

/** An open conflict as a leader sees it: both values with their times and authors (`names`: account id → name). */
export function toConflictView(
  r: ConflictRow,
  spec: Pick<TableSpec, 'recordType' | 'columns'>,
  names: Names,
  title: string | null = null,
): ConflictView {
  return {
    id: r.id,
    recordType: spec.recordType,
    title,
    tableName: r.tableName,
    recordId: r.recordId,
    field: r.field,
    attachment: Boolean((spec.columns as Record<string, ColumnSpec | undefined>)[r.field]?.attachment),
    current: version(r.currentValue, r.currentHlc, r.currentWs, r.currentAccount, names),
    other: version(r.otherValue, r.otherHlc, r.otherWs, r.otherAccount, names),
  };
}
