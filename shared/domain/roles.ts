/**
 * Roles and the permissions each role holds.
 *
 * This is the one table the host consults; the renderer reads it only to hide what a role cannot use.
 * Administration is deliberately not a licence to read records: admins manage accounts, keys and backups.
 */
export const Roles = Object.freeze({
  admin: 'admin',
  leader: 'leader',
  investigator: 'investigator',
  commune_officer: 'commune_officer',
  rehab_staff: 'rehab_staff',
  auditor: 'auditor',
} as const);
export type Role = (typeof Roles)[keyof typeof Roles];
export const ROLE_LIST: readonly Role[] = Object.freeze(Object.values(Roles));

export const Permissions = Object.freeze({
  /** Any signed-in account: own session, own password, reference lists. */
  session: 'session',
  accountsManage: 'accounts.manage',
  /** Approve or reject a role that reads records, given by an administrator (separation of duties). */
  accountsApproveGrants: 'accounts.approve_grants',
  unitsManage: 'units.manage',
  vaultManage: 'vault.manage',
  backupCreate: 'backup.create',
  backupRestore: 'backup.restore',
  auditRead: 'audit.read',
  personsRead: 'persons.read',
  personsReadLimited: 'persons.read_limited',
  personsWrite: 'persons.write',
  personsMerge: 'persons.merge',
  personsReadAudit: 'persons.read_audit',
  /** Tips and hot spots: recorded by commune police and investigators alike. */
  tipsRead: 'tips.read',
  tipsWrite: 'tips.write',
  /** Case files: cases, suspects, seizures. */
  casesRead: 'cases.read',
  casesWrite: 'cases.write',
  referralsRead: 'referrals.read',
  referralsWrite: 'referrals.write',
  /** Leaders: send a dossier to court, admit beyond a facility's capacity. */
  referralsApprove: 'referrals.approve',
  /** Add and edit rehab facilities (reference data). */
  facilitiesManage: 'facilities.manage',
  reportsRead: 'reports.read',
  /** Plans and their targets, communes' yearly status (drug-free recognition, key-area type, population). */
  reportsManage: 'reports.manage',
  /** Reach: which records beyond one's own unit's files a reader sees (the widest held applies). */
  reachProvince: 'reach.province',
  reachCommune: 'reach.commune',
  /** Every record, through the limited view only (rehab centres receive people from anywhere). */
  reachAllLimited: 'reach.all_limited',
  /** Records tied to the caller's own facility (rehab centres: residents and people referred to it). */
  reachFacility: 'reach.facility',
  conflictsResolve: 'conflicts.resolve',
  /** The exchange: this station's card, peers and their policies, archive recipients (administrators). */
  exchangeManage: 'exchange.manage',
  /** Writing and importing bundles for registered peers. */
  exchangeTransfer: 'exchange.transfer',
} as const);
export type Permission = (typeof Permissions)[keyof typeof Permissions];

/** Procedures that need no session at all (vault status, first-run setup, unlock, preferences). */
export const PUBLIC = 'public' as const;
export type ProcedurePermission = Permission | typeof PUBLIC;

const P = Permissions;
export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = Object.freeze({
  admin: [
    P.session,
    P.accountsManage,
    P.unitsManage,
    P.vaultManage,
    P.backupCreate,
    P.backupRestore,
    P.exchangeManage,
    P.exchangeTransfer,
  ],
  leader: [
    P.session,
    P.accountsApproveGrants,
    P.personsRead,
    P.personsWrite,
    P.personsMerge,
    P.personsReadAudit,
    P.conflictsResolve,
    P.reachProvince,
    P.tipsRead,
    P.tipsWrite,
    P.casesRead,
    P.casesWrite,
    P.referralsRead,
    P.referralsWrite,
    P.referralsApprove,
    P.facilitiesManage,
    P.reportsRead,
    P.reportsManage,
    P.exchangeTransfer,
  ],
  investigator: [
    P.session,
    P.reachProvince,
    P.personsRead,
    P.personsWrite,
    P.tipsRead,
    P.tipsWrite,
    P.casesRead,
    P.casesWrite,
    P.referralsRead,
    P.referralsWrite,
    P.reportsRead,
  ],
  commune_officer: [
    P.session,
    P.reachCommune,
    P.personsRead,
    P.personsWrite,
    P.tipsRead,
    P.tipsWrite,
    P.referralsRead,
    P.referralsWrite,
    P.reportsRead,
  ],
  rehab_staff: [P.session, P.reachFacility, P.personsReadLimited, P.referralsRead, P.referralsWrite],
  auditor: [P.session, P.auditRead],
});

/**
 * Roles that read records. Given by an administrator (new account, role change, password reset, re-enabling),
 * such a role takes effect only after a leader approves it: administration is not a licence to read.
 */
export const READING_ROLES: readonly Role[] = Object.freeze([
  Roles.leader,
  Roles.investigator,
  Roles.commune_officer,
  Roles.rehab_staff,
  Roles.auditor,
]);

export function isReadingRole(role: string): boolean {
  return (READING_ROLES as readonly string[]).includes(role);
}

/** What a session may do: its role's permissions, or only `session` while its role awaits a leader's approval. */
export function permissionsOf(role: Role, rolePending: boolean): readonly Permission[] {
  return rolePending ? [P.session] : rolePermissions[role];
}

export function roleHas(role: Role, permission: ProcedurePermission): boolean {
  if (permission === PUBLIC) return true;
  return rolePermissions[role].includes(permission);
}

export const UnitKinds = Object.freeze({
  province_department: 'province_department',
  commune_police: 'commune_police',
  rehab_centre: 'rehab_centre',
} as const);
export type UnitKind = (typeof UnitKinds)[keyof typeof UnitKinds];
export const UNIT_KIND_LIST: readonly UnitKind[] = Object.freeze(Object.values(UnitKinds));

export const AccountStatuses = Object.freeze({ active: 'active', disabled: 'disabled' } as const);
export type AccountStatus = (typeof AccountStatuses)[keyof typeof AccountStatuses];
