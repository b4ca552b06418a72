import { z } from 'zod';
import { Permissions, PUBLIC, type Role, type UnitKind } from '../domain/roles';
import { procedure, type ProcedureDef } from './define';
import { personsContract } from './persons';
import {
  displayNameSchema,
  idSchema,
  isoDateSchema,
  passwordSchema,
  recoveryKeySchema,
  roleSchema,
  unitKindSchema,
  usernameSchema,
} from './fields';
import type {
  AccountView,
  AppInfo,
  AppStatus,
  AuditEntryView,
  AuditVerification,
  BackupResult,
  Preferences,
  RekeyResult,
  SessionInfo,
  UnitView,
  VaultCreated,
} from './types';

export * from './types';
export * from './fields';
export * from './person-fields';
export * from './person-types';
export type { ProcedureDef } from './define';

const empty = z.object({}).strict();
const P = Permissions;

export const preferencesPatchSchema = z
  .object({
    language: z.enum(['vi', 'en']).optional(),
    idleMinutes: z.number().int().min(1).max(120).optional(),
  })
  .strict();

export const accountCreateSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: roleSchema.transform((r) => r as Role),
    unitId: idSchema.nullable(),
    password: passwordSchema,
  })
  .strict();

export const unitCreateSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,32}$/, { message: 'unit_code_format' }),
    name: z.string().trim().min(2, { message: 'required' }).max(200, { message: 'too_long' }),
    kind: unitKindSchema.transform((k) => k as UnitKind),
    provinceCode: z
      .string()
      .regex(/^\d{2}$/, { message: 'province_code_format' })
      .nullable()
      .default(null),
    communeCode: z
      .string()
      .regex(/^\d{5}$/, { message: 'commune_code_format' })
      .nullable()
      .default(null),
  })
  .strict();

export const vaultCreateSchema = z
  .object({
    adminUsername: usernameSchema,
    adminDisplayName: displayNameSchema,
    password: passwordSchema,
    unit: unitCreateSchema.omit({ provinceCode: true, communeCode: true }).optional(),
  })
  .strict();

export const auditListSchema = z
  .object({
    accountId: idSchema.optional(),
    action: z.string().max(64).optional(),
    recordType: z.string().max(64).optional(),
    recordId: z.string().max(64).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** The secure core's procedures: session, vault, accounts, units, audit, backup. */
export const coreContract = {
  'app.status': procedure<AppStatus>()({ input: empty, permission: PUBLIC, audit: null }),
  'app.info': procedure<AppInfo>()({ input: empty, permission: P.session, audit: null }),
  'prefs.set': procedure<Preferences>()({ input: preferencesPatchSchema, permission: PUBLIC, audit: null }),

  'vault.create': procedure<VaultCreated>()({ input: vaultCreateSchema, permission: PUBLIC, audit: null }),
  'vault.rekey': procedure<RekeyResult>()({
    input: z.object({ password: z.string().min(1).max(256) }).strict(),
    permission: P.vaultManage,
    audit: 'vault.rekey',
  }),

  'session.unlock': procedure<SessionInfo>()({
    input: z.object({ username: usernameSchema, password: z.string().min(1).max(256) }).strict(),
    permission: PUBLIC,
    audit: null,
  }),
  'session.recover': procedure<SessionInfo>()({
    input: z
      .object({ recoveryKey: recoveryKeySchema, username: usernameSchema.optional(), newPassword: passwordSchema })
      .strict(),
    permission: PUBLIC,
    audit: null,
  }),
  'session.lock': procedure<{ locked: true }>()({ input: empty, permission: PUBLIC, audit: null }),
  /** Keeps the host's idle timer in step with user activity seen by the renderer. */
  'session.touch': procedure<{ idleMinutes: number }>()({ input: empty, permission: P.session, audit: null }),
  'session.changePassword': procedure<{ changed: true }>()({
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }).strict(),
    permission: P.session,
    audit: 'account.password_change',
  }),

  'accounts.list': procedure<AccountView[]>()({ input: empty, permission: P.accountsManage, audit: null }),
  'accounts.create': procedure<AccountView>()({
    input: accountCreateSchema,
    permission: P.accountsManage,
    audit: 'account.create',
  }),
  'accounts.update': procedure<AccountView>()({
    input: z
      .object({
        accountId: idSchema,
        displayName: displayNameSchema.optional(),
        role: roleSchema.transform((r) => r as Role).optional(),
        unitId: idSchema.nullable().optional(),
      })
      .strict(),
    permission: P.accountsManage,
    audit: 'account.update',
  }),
  'accounts.disable': procedure<AccountView>()({
    input: z.object({ accountId: idSchema }).strict(),
    permission: P.accountsManage,
    audit: 'account.disable',
  }),
  'accounts.enable': procedure<AccountView>()({
    input: z.object({ accountId: idSchema, newPassword: passwordSchema }).strict(),
    permission: P.accountsManage,
    audit: 'account.enable',
  }),
  'accounts.resetPassword': procedure<AccountView>()({
    input: z.object({ accountId: idSchema, newPassword: passwordSchema }).strict(),
    permission: P.accountsManage,
    audit: 'account.password_reset',
  }),

  'units.list': procedure<UnitView[]>()({ input: empty, permission: P.session, audit: null }),
  'units.create': procedure<UnitView>()({ input: unitCreateSchema, permission: P.unitsManage, audit: 'unit.create' }),

  'audit.list': procedure<AuditEntryView[]>()({ input: auditListSchema, permission: P.auditRead, audit: null }),
  'audit.accounts': procedure<{ id: string; username: string; displayName: string }[]>()({
    input: empty,
    permission: P.auditRead,
    audit: null,
  }),
  'audit.verify': procedure<AuditVerification>()({ input: empty, permission: P.auditRead, audit: 'audit.verify' }),

  'backup.create': procedure<BackupResult>()({
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    permission: P.backupCreate,
    audit: 'backup.create',
  }),
  /**
   * Replaces this workstation's data with a backup. The account and password must open the backup; when a
   * vault already exists here, the caller must also be signed in with the restore permission.
   */
  'backup.restore': procedure<{ restoredFrom: string; replacedFolder: string | null }>()({
    input: z
      .object({ path: z.string().min(1).max(4096), username: usernameSchema, password: z.string().min(1).max(256) })
      .strict(),
    permission: PUBLIC,
    audit: null,
  }),
} as const;

/**
 * Every procedure of HoSo. The key is the procedure name `domain.verb`; the host routes only these,
 * on every transport (Electron IPC, CLI, loopback test transport). Each domain declares its own
 * procedures in its own file and is spread in here.
 */
export const contract = {
  ...coreContract,
  ...personsContract,
} as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type InputOf<K extends ProcedureName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends ProcedureName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends ProcedureName> = Contract[K] extends ProcedureDef<z.ZodType, infer O> ? O : never;

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events the host pushes to the renderer. */
export interface HostEvents {
  'session.locked': { reason: 'idle' | 'manual' | 'suspend' | 'screen_lock' | 'rekey' | 'restore' };
}
export type HostEventName = keyof HostEvents;
