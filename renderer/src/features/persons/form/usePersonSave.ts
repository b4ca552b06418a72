import { useState } from 'react';
import type { UseFormSetError } from 'react-hook-form';
import type { PersonFile, PersonSummary } from '../../../../../shared/contract';
import { ErrorCodes, type ApiError } from '../../../../../shared/domain/errors';
import { useApi } from '../../../api/api-context';
import { applyApiError } from '../../../api/api-errors';
import { changedFields, PERSON_FIELDS, toPersonFields, type PersonFormValues } from './person-form';

/** What the user must look at before the record is saved. */
export interface Confirmation {
  /** The identity (name, birth date, sex, CCCD) these findings are about: changing it asks again. */
  key: string;
  similar: PersonSummary[];
  /** Similar files exist but the host did not list them (it said so when saving). */
  similarUnlisted: boolean;
  warnings: string[];
}

/** The file that already holds this citizen ID. */
export interface Duplicate {
  /** The file to open, when it is within the caller's scope. */
  id: string | null;
  person: PersonSummary | null;
  /** A file outside the caller's scope: only whom to ask. */
  elsewhere?: { owningUnit: { code: string; name: string } | null };
}

export function identityKey(v: Pick<PersonFormValues, 'fullName' | 'birthDate' | 'sex' | 'citizenId'>): string {
  return JSON.stringify([v.fullName.trim(), v.birthDate, v.sex, v.citizenId.replace(/\s+/g, '')]);
}

/**
 * Saving a person: for a new file, persons.checkDuplicates first (same CCCD: refused with a link to the
 * file; similar names or CCCD warnings: shown, and the next save confirms them); then create or update.
 * Whatever fails, the form keeps every value typed: only errors and notices are added.
 */
export function usePersonSave(props: {
  personId: string | null;
  original: PersonFile | null;
  setError: UseFormSetError<PersonFormValues>;
  onSaved: (file: PersonFile) => void;
}) {
  const api = useApi();
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);

  const refuse = (error: ApiError, key: string) => {
    if (error.code === ErrorCodes.DUPLICATE_CITIZEN_ID) {
      setDuplicate(
        error.existingId
          ? { id: error.existingId, person: null }
          : { id: null, person: null, elsewhere: { owningUnit: error.owningUnit ?? null } },
      );
    }
    if (error.code === ErrorCodes.NEEDS_CONFIRMATION) {
      const issues = error.issues ?? [];
      setConfirmation({
        key,
        similar: [],
        similarUnlisted: issues.some((i) => i.code === 'similar_person_exists'),
        warnings: issues.filter((i) => i.path === 'citizenId').map((i) => i.code),
      });
      // Not an error: the notice above the save button and the warning at the CCCD field say it once each.
      return;
    }
    applyApiError(error, props.setError, PERSON_FIELDS);
  };

  async function save(values: PersonFormValues, photo: string | null | undefined): Promise<void> {
    const key = identityKey(values);
    const fields = toPersonFields(values);
    const confirmed = confirmation?.key === key;
    setDuplicate(null);

    if (!props.personId && !confirmed) {
      const check = await api.invoke('persons.checkDuplicates', {
        fullName: fields.fullName,
        birthDate: fields.birthDate,
        sex: fields.sex,
        citizenId: fields.citizenId,
      });
      if (!check.ok) return refuse(check.error, key);
      if (check.value.citizenIdElsewhere) {
        setDuplicate({ id: null, person: null, elsewhere: check.value.citizenIdElsewhere });
        props.setError('citizenId', { type: 'server', message: 'citizen_id_taken_elsewhere' });
        return;
      }
      if (check.value.sameCitizenId) {
        setDuplicate({ id: check.value.sameCitizenId.id, person: check.value.sameCitizenId });
        props.setError('citizenId', { type: 'server', message: 'citizen_id_taken' });
        return;
      }
      if (check.value.similar.length || check.value.citizenIdWarnings.length) {
        setConfirmation({
          key,
          similar: check.value.similar,
          similarUnlisted: false,
          warnings: check.value.citizenIdWarnings,
        });
        return;
      }
    }
    if (confirmed && confirmation.warnings.length && !fields.citizenIdOverrideReason) {
      props.setError('citizenIdOverrideReason', { type: 'required', message: 'required' }, { shouldFocus: true });
      return;
    }

    const r = props.personId
      ? await api.invoke('persons.update', {
          personId: props.personId,
          patch: {
            ...changedFields(toPersonFieldsOfFile(props.original), fields),
            ...(photo !== undefined ? { photo } : {}),
          },
          confirmed,
        })
      : await api.invoke('persons.create', { ...fields, photo: photo ?? null, confirmed });
    if (!r.ok) return refuse(r.error, key);
    props.onSaved(r.value);
  }

  return { confirmation, duplicate, save };
}

function toPersonFieldsOfFile(file: PersonFile | null) {
  if (!file) throw new Error('an update needs the file it changes');
  const p = file.person;
  return {
    fullName: p.fullName,
    otherNames: p.otherNames,
    sex: p.sex,
    birthDate: p.birthDate,
    citizenId: p.citizenId,
    citizenIdOverrideReason: p.citizenIdOverrideReason,
    ethnicity: p.ethnicity,
    education: p.education,
    occupation: p.occupation,
    familyContact: p.familyContact,
    permanentAddress: p.permanentAddress,
    currentAddress: p.currentAddress,
    substances: p.substances,
    firstUseDate: p.firstUseDate,
    unitId: p.unitId,
  };
}
