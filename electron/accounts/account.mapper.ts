import type { AccountView } from '../../shared/contract/types';
import type { GrantKind, GrantStatus, RoleGrantView } from '../../shared/contract/grants';
import type { AccountStatus, Role } from '../../shared/domain/roles';
import type { AccountRow } from '../db/schema';

/** An account row (with its unit's name when joined) as the API shows it. */
export function toAccountView(row: AccountRow & { unitName?: string | null }, hasKeySlot: boolean): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    unitId: row.unitId,
    unitName: row.unitName ?? null,
    status: row.status as AccountStatus,
    hasKeySlot,
    mustChangePassword: row.mustChangePassword === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastSignInAt: row.lastSignInAt,
  };
}

/** A role grant joined with its account, unit and the two deciding accounts' names (grant.repository.ts). */
export interface RoleGrantJoined {
  id: string;
  accountId: string;
  role: string;
  previousRole: string | null;
  kind: string;
  status: string;
  requestedAt: string;
  decidedAt: string | null;
  username: string;
  displayName: string;
  mustChangePassword: number;
  unitName: string | null;
  requestedBy: string | null;
  decidedBy: string | null;
}

export function toRoleGrantView(r: RoleGrantJoined): RoleGrantView {
  return {
    id: r.id,
    accountId: r.accountId,
    username: r.username,
    displayName: r.displayName,
    unitName: r.unitName ?? null,
    role: r.role as Role,
    previousRole: (r.previousRole as Role | null) ?? null,
    kind: r.kind as GrantKind,
    status: r.status as GrantStatus,
    requestedBy: r.requestedBy ?? null,
    requestedAt: r.requestedAt,
    decidedBy: r.decidedBy ?? null,
    decidedAt: r.decidedAt,
    ownPasswordSet: r.mustChangePassword === 0,
  };
}
