import { sql, type RawBuilder } from 'kysely';

/**
 * The people a facility's staff may see (persons scope for rehab staff, electron/persons/person.scope.ts): those
 * referred to it, staying or having stayed there, registered there for voluntary rehab, treated at its clinic.
 * A subquery of person ids, each branch on an index keyed by the facility.
 */
export function facilityPeopleSql(facilityId: string): RawBuilder<string> {
  return sql<string>`SELECT person_id FROM rehab_referrals WHERE facility_id = ${facilityId} AND deleted_at IS NULL
    UNION SELECT person_id FROM rehab_stays WHERE facility_id = ${facilityId} AND deleted_at IS NULL
    UNION SELECT person_id FROM rehab_voluntary WHERE facility_id = ${facilityId} AND deleted_at IS NULL
    UNION SELECT person_id FROM rehab_methadone WHERE clinic_id = ${facilityId} AND deleted_at IS NULL`;
}
