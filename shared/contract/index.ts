import { z } from 'zod';
import { Permissions, PUBLIC, type Role, type UnitKind } from '../domain/roles';
import { commune, province } from '../places';
import { audited, procedure, type ProcedureDef } from './define';
import { grantsContract } from './grants';
import { conflictsContract } from './conflicts';
import { exchangeContract } from './exchange';
import { exchangeScreensContract } from './exchange-screens';
import { draftsContract } from './drafts';
import { homeContract } from './home';
import { personsContract } from './persons';
import { reportsContract } from './reports';
import { rehabContract } from './rehab';
import { investigationsContract } from './investigations';
import { vaultKeysContract } from './vault-keys';
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
  AuditCheckpoint,
  AuditEntryView,
  AuditVerification,
  BackupResult,
  Preferences,
  ReanchorResult,
  RekeyResult,
  SessionInfo,
  UnitView,
  VaultCreated,
} from './types';

export * from './types';
export * from './fields';
export * from './person-fields';
export * from './person-types';
export * from './investigation-types';
export type { ConflictView, ConflictVersion } from './conflicts';
export * from './grants';
export * from './reports';
export type { RecoveryRotated } from './vault-keys';
export type { ProcedureDef } from './define';
export * from './rehab-types';
export type { DraftSummary, DraftView } from './drafts';
export type { RecentFile } from './home';

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

/** Places are picked from the official list (shared/places): a code must name a province or commune in it. */
const unitProvinceSchema = z
  .string()
  .regex(/^\d{2}$/, { message: 'province_code_format' })
  .refine((c) => province(c) !== undefined, { message: 'province_unknown' });
const unitCommuneSchema = z
  .string()
  .regex(/^\d{5}$/, { message: 'commune_code_format' })
  .refine((c) => commune(c) !== undefined, { message: 'commune_unknown' });

export const unitCreateSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,32}$/, { message: 'unit_code_format' }),
    name: z.string().trim().min(2, { message: 'required' }).max(200, { message: 'too_long' }),
    kind: unitKindSchema.transform((k) => k as UnitKind),
    provinceCode: unitProvinceSchema.nullable().default(null),
    communeCode: unitCommuneSchema.nullable().default(null),
  })
  .strict();

/** A unit changed by an administrator: its name, kind and place (the code, which others quote, stays). */
export const unitUpdateSchema = z
  .object({
    unitId: idSchema,
    name: unitCreateSchema.shape.name,
    kind: unitCreateSchema.shape.kind,
    provinceCode: unitProvinceSchema.nullable(),
    communeCode: unitCommuneSchema.nullable(),
  })
  .strict();

export const vaultCreateSchema = z
  .object({
    adminUsername: usernameSchema,
    adminDisplayName: displayNameSchema,
    password: passwordSchema,
    /**
     * The workstation's unit, with its province: the header of every printed document names it. A commune police
     * station names its commune too: its scope, and what its station card tells a hub.
     */
    unit: unitCreateSchema.optional(),
    /** The first leader, with its own password: it approves every later grant of a role that reads records. */
    leader: z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }).strict(),
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
  'app.status': procedure<AppStatus>()({ beforePasswordChange: true, input: empty, access: PUBLIC, audit: null }),
  'app.info': procedure<AppInfo>()({ input: empty, access: [P.session], audit: null }),
  /** The language only: the one preference that may change while locked (the sign-in screen has a switch). */
  'prefs.setLanguage': procedure<Preferences>()({
    beforePasswordChange: true,
    input: z.object({ language: z.enum(['vi', 'en']) }).strict(),
    access: PUBLIC,
    audit: null,
  }),
  /** Every preference, signed in and audited; the idle timeout stays within the administrator's maximum. */
  'prefs.set': procedure<Preferences>()({
    beforePasswordChange: true,
    input: preferencesPatchSchema,
    access: [P.session],
    audit: audited('prefs.set', 'preferences'),
  }),
  'settings.idleMax': procedure<{ maxMinutes: number }>()({ input: empty, access: [P.session], audit: null }),
  /** The longest idle timeout anyone on this workstation may choose; lowering it shortens the current one. */
  'settings.setIdleMax': procedure<{ maxMinutes: number }>()({
    input: z.object({ maxMinutes: z.number().int().min(1).max(120) }).strict(),
    access: [P.vaultManage],
    audit: audited('settings.idle_max', 'settings'),
  }),

  'vault.create': procedure<VaultCreated>()({
    transaction: false,
    input: vaultCreateSchema,
    access: PUBLIC,
    audit: null,
  }),
  'vault.rekey': procedure<RekeyResult>()({
    transaction: false,
    input: z.object({ password: z.string().min(1).max(256) }).strict(),
    access: [P.vaultManage],
    audit: audited('vault.rekey', 'vault'),
  }),

  'session.unlock': procedure<SessionInfo>()({
    transaction: false,
    input: z.object({ username: usernameSchema, password: z.string().min(1).max(256) }).strict(),
    access: PUBLIC,
    audit: null,
  }),
  'session.recover': procedure<SessionInfo>()({
    transaction: false,
    input: z
      .object({ recoveryKey: recoveryKeySchema, username: usernameSchema.optional(), newPassword: passwordSchema })
      .strict(),
    access: PUBLIC,
    audit: null,
  }),
  'session.lock': procedure<{ locked: true }>()({
    transaction: false,
    beforePasswordChange: true,
    input: empty,
    access: PUBLIC,
    audit: null,
  }),
  /** Keeps the host's idle timer in step with user activity seen by the renderer. */
  'session.touch': procedure<{ idleMinutes: number }>()({
    beforePasswordChange: true,
    input: empty,
    access: [P.session],
    audit: null,
  }),
  'session.changePassword': procedure<{ changed: true }>()({
    beforePasswordChange: true,
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }).strict(),
    access: [P.session],
    audit: audited('account.password_change', 'account'),
  }),

  'accounts.list': procedure<AccountView[]>()({ input: empty, access: [P.accountsManage], audit: null }),
  'accounts.create': procedure<AccountView>()({
    input: accountCreateSchema,
    access: [P.accountsManage],
    audit: audited('account.create', 'account'),
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
    access: [P.accountsManage],
    audit: audited('account.update', 'account'),
  }),
  'accounts.disable': procedure<AccountView>()({
    input: z.object({ accountId: idSchema }).strict(),
    access: [P.accountsManage],
    audit: audited('account.disable', 'account'),
  }),
  'accounts.enable': procedure<AccountView>()({
    input: z.object({ accountId: idSchema, newPassword: passwordSchema }).strict(),
    access: [P.accountsManage],
    audit: audited('account.enable', 'account'),
  }),
  'accounts.resetPassword': procedure<AccountView>()({
    input: z.object({ accountId: idSchema, newPassword: passwordSchema }).strict(),
    access: [P.accountsManage],
    audit: audited('account.password_reset', 'account'),
  }),

  'units.list': procedure<UnitView[]>()({ input: empty, access: [P.session], audit: null }),
  'units.create': procedure<UnitView>()({
    input: unitCreateSchema,
    access: [P.unitsManage],
    audit: audited('unit.create', 'unit'),
  }),
  'units.update': procedure<UnitView>()({
    input: unitUpdateSchema,
    access: [P.unitsManage],
    audit: audited('unit.update', 'unit'),
  }),

  'audit.list': procedure<AuditEntryView[]>()({ input: auditListSchema, access: [P.auditRead], audit: null }),
  'audit.accounts': procedure<{ id: string; username: string; displayName: string }[]>()({
    input: empty,
    access: [P.auditRead],
    audit: null,
  }),
  'audit.verify': procedure<AuditVerification>()({
    input: z.object({ checkpoint: z.string().max(80).optional() }).strict(),
    access: [P.auditRead],
    audit: audited('audit.verify', 'audit'),
  }),
  /** The current head as a code for the paper register; writes its own entry first, so the code covers it. */
  'audit.checkpoint': procedure<AuditCheckpoint>()({ input: empty, access: [P.auditRead], audit: null }),
  /**
   * After a refusal to open (VAULT_HEAD_INVALID, DB_ROLLED_BACK, VAULT_DB_MISMATCH): an administrator accepts the
   * files as they are. Writes an integrity alert naming what was wrong, then anchors vault.json to hoso.db again.
   * Without `confirm` it only says what is wrong.
   */
  'audit.reanchor': procedure<ReanchorResult>()({
    transaction: false,
    input: z
      .object({ username: usernameSchema, password: z.string().min(1).max(256), confirm: z.boolean().default(false) })
      .strict(),
    access: PUBLIC,
    audit: null,
  }),

  'backup.create': procedure<BackupResult>()({
    transaction: false,
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    access: [P.backupCreate],
    audit: audited('backup.create', 'backup'),
  }),
  /**
   * Replaces this workstation's data with a backup. The account and password must open the backup; when a
   * vault already exists here, the caller must also be signed in with the restore permission.
   */
  'backup.restore': procedure<{ restoredFrom: string; replacedFolder: string | null }>()({
    transaction: false,
    input: z
      .object({ path: z.string().min(1).max(4096), username: usernameSchema, password: z.string().min(1).max(256) })
      .strict(),
    access: PUBLIC,
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
  ...grantsContract,
  ...vaultKeysContract,
  ...personsContract,
  ...rehabContract,
  ...conflictsContract,
  ...exchangeContract,
  ...exchangeScreensContract,
  ...reportsContract,
  ...draftsContract,
  ...homeContract,
  ...investigationsContract,
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
  /** Progress of a long call (seeding, import): `done` of `total` items. */
  'call.progress': { procedure: string; done: number; total: number };
}
export type HostEventName = keyof HostEvents;
