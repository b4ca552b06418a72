import { z } from 'zod';
import { unitCreateSchema, vaultCreateSchema, type InputOf } from '../../../../shared/contract';
import type { UnitKind } from '../../../../shared/domain/roles';

const fields = vaultCreateSchema.shape;
const unitFields = unitCreateSchema.pick({ code: true, name: true, kind: true });
/** The unit's province, picked by name: the header of every printed document and the default of new records. */
const unitProvince = unitCreateSchema.shape.provinceCode;
/** A commune police unit's commune, picked by name among the province's: its scope and its station card. */
const unitCommune = unitCreateSchema.shape.communeCode;

/**
 * The first-run form: the contract's own field schemas, plus what only a form needs (the password typed twice,
 * and a switch for the optional first unit, whose fields are checked only when it is on).
 */
export const setupFormSchema = z
  .object({
    adminUsername: fields.adminUsername,
    adminDisplayName: fields.adminDisplayName,
    password: fields.password,
    confirmPassword: z.string(),
    /** The first leader, who approves every later role that reads records; types their own password. */
    leader: z.object({
      username: fields.leader.shape.username,
      displayName: fields.leader.shape.displayName,
      password: fields.leader.shape.password,
      confirmPassword: z.string(),
    }),
    withUnit: z.boolean(),
    unit: z.object({
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      provinceCode: z.string(),
      communeCode: z.string(),
    }),
  })
  .superRefine((v, ctx) => {
    if (v.password !== v.confirmPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'password_mismatch' });
    }
    if (v.leader.password !== v.leader.confirmPassword) {
      ctx.addIssue({ code: 'custom', path: ['leader', 'confirmPassword'], message: 'password_mismatch' });
    }
    if (v.leader.username.trim().toLowerCase() === v.adminUsername.trim().toLowerCase()) {
      ctx.addIssue({ code: 'custom', path: ['leader', 'username'], message: 'username_taken' });
    }
    if (!v.withUnit) return;
    // The contract's unit schema is strict: only the fields it is picked for (the province is checked below).
    const unit = unitFields.safeParse({ code: v.unit.code, name: v.unit.name, kind: v.unit.kind });
    for (const issue of unit.success ? [] : unit.error.issues) {
      ctx.addIssue({ code: 'custom', path: ['unit', ...issue.path], message: issue.message });
    }
    // A place picked from its list: required, and one the contract knows.
    const place = (field: 'provinceCode' | 'communeCode', schema: z.ZodType) => {
      const r = v.unit[field] ? schema.safeParse(v.unit[field]) : null;
      if (!r || !r.success)
        ctx.addIssue({ code: 'custom', path: ['unit', field], message: r?.error?.issues[0]?.message ?? 'required' });
    };
    place('provinceCode', unitProvince);
    // A commune police station without its commune would see no commune's records and could not be a hub's peer.
    if (v.unit.kind === 'commune_police') place('communeCode', unitCommune);
  });

export type SetupFormValues = z.input<typeof setupFormSchema>;

export const setupFormDefaults: SetupFormValues = {
  adminUsername: '',
  adminDisplayName: '',
  password: '',
  confirmPassword: '',
  leader: { username: '', displayName: '', password: '', confirmPassword: '' },
  withUnit: true,
  unit: { code: '', name: '', kind: 'province_department', provinceCode: '', communeCode: '' },
};

export function toVaultCreateInput(v: SetupFormValues): InputOf<'vault.create'> {
  return {
    adminUsername: v.adminUsername,
    adminDisplayName: v.adminDisplayName,
    password: v.password,
    leader: { username: v.leader.username, displayName: v.leader.displayName, password: v.leader.password },
    ...(v.withUnit
      ? {
          unit: {
            code: v.unit.code,
            name: v.unit.name,
            kind: v.unit.kind as UnitKind,
            provinceCode: v.unit.provinceCode || null,
            communeCode: (v.unit.kind === 'commune_police' && v.unit.communeCode) || null,
          },
        }
      : {}),
  };
}
