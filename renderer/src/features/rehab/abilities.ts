import { Permissions, type Permission } from '../../../../shared/domain/roles';
import { useSignedInSession } from '../../app/session-context';

/** What the signed-in role may do in the rehab area (the host checks every call anyway; this only hides). */
export interface RehabAbilities {
  write: boolean;
  /** Rehab staff: the roster of their own facility, admissions, stages, discharges. */
  roster: boolean;
  /** Commune police and leaders: the people handed back for post-rehab management. */
  handovers: boolean;
  /** Leaders: send a dossier to court, admit beyond a facility's capacity. */
  lead: boolean;
  /** Add and edit facilities. */
  manageFacilities: boolean;
  /** Commune officers and investigators: start a referral from a person's file. */
  prepare: boolean;
}

export function useRehabAbilities(): RehabAbilities {
  const session = useSignedInSession();
  const has = (p: Permission) => session.permissions.includes(p);
  const write = has(Permissions.referralsWrite);
  return {
    write,
    roster: has(Permissions.reachFacility),
    handovers: has(Permissions.personsRead),
    lead: has(Permissions.referralsApprove),
    manageFacilities: has(Permissions.facilitiesManage),
    prepare: write && has(Permissions.personsWrite),
  };
}
