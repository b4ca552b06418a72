import { z } from 'zod';
import { Permissions, type Role } from '../domain/roles';
import { audited, procedure } from './define';
import { idSchema, recoveryKeySchema } from './fields';

/**
 * Separation of duties. A role that reads records (leader, investigator, commune officer, rehab staff, auditor)
 * given by an administrator — a new account, a role change, a password reset or re-enabling an account — is a
 * grant that takes effect only when a leader approves it. Until then the account's session holds only `session`.
 */
export const GrantKinds = Object.freeze({
  create: 'create',
  role_change: 'role_change',
  password_reset: 'password_reset',
  enable: 'enable',
} as const);
export type GrantKind = (typeof GrantKinds)[keyof typeof GrantKinds];

export const GrantStatuses = Object.freeze({
  pending: 'pending',
  approved: 'approved',
  rejected: 'rejected',
  /** Replaced by a later grant for the same account, or cancelled when the account was disabled. */
  superseded: 'superseded',
} as const);
export type GrantStatus = (typeof GrantStatuses)[keyof typeof GrantStatuses];

export interface RoleGrantView {
  id: string;
  accountId: string;
  username: string;
  displayName: string;
  unitName: string | null;
  role: Role;
  /** The role the account held before a role change (restored if the change is rejected). */
  previousRole: Role | null;
  kind: GrantKind;
  status: GrantStatus;
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /**
   * Whether the account's owner has replaced the password an administrator chose. A grant is approved only
   * after that: until then the administrator knows the password.
   */
  ownPasswordSet: boolean;
}

export interface RoleGrantList {
  pending: RoleGrantView[];
  /** The latest decisions (approved, rejected, superseded), newest first. */
  recent: RoleGrantView[];
}

const P = Permissions;
const grantIdInput = z.object({ grantId: idSchema }).strict();

export const grantsContract = {
  'accounts.pendingGrants': procedure<RoleGrantList>()({
    input: z.object({ recent: z.number().int().min(0).max(200).default(20) }).strict(),
    access: [P.accountsApproveGrants],
    audit: null,
  }),
  'accounts.approveGrant': procedure<RoleGrantView>()({
    input: grantIdInput,
    access: [P.accountsApproveGrants],
    audit: audited('account.grant_approve', 'role_grant'),
  }),
  /**
   * Break glass: when no leader can approve any more (the only leader forgot the password and an administrator
   * reset it, or the vault predates separation of duties), an administrator approves a *leader* grant with the
   * recovery key — two people, the administrator and the holder of the sealed recovery sheet. Refused while an
   * approved leader exists. Audited like any approval, with `via: recovery_key`.
   */
  'accounts.approveGrantWithRecoveryKey': procedure<RoleGrantView>()({
    input: z.object({ grantId: idSchema, recoveryKey: recoveryKeySchema }).strict(),
    access: [P.accountsManage],
    audit: audited('account.grant_approve', 'role_grant'),
  }),
  'accounts.rejectGrant': procedure<RoleGrantView>()({
    input: grantIdInput,
    access: [P.accountsApproveGrants],
    audit: audited('account.grant_reject', 'role_grant'),
  }),
} as const;
