import { Col, Input, Row, Segmented, Select } from 'antd';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CaseView, SuspectView } from '../../../../../shared/contract';
import { suspectInputSchema } from '../../../../../shared/contract/investigations';
import {
  SUSPECT_MEASURE_LIST,
  SUSPECT_OUTCOME_LIST,
  SUSPECT_ROLE_LIST,
  type SuspectMeasure,
  type SuspectOutcome,
  type SuspectRole,
} from '../../../../../shared/domain/investigations';
import { useApi } from '../../../api/api-context';
import { Field } from '../../../components/Field';
import { DateField } from '../../persons/DateField';
import { ModalForm } from '../../persons/file/ModalForm';
import { applyHostError, schemaResolver } from '../form-support';
import { useInvestigationLabels } from '../labels';
import { PersonPicker } from '../PersonPicker';

interface SuspectForm {
  who: 'existing' | 'new';
  personId: string;
  fullName: string;
  sex: 'male' | 'female' | '';
  birthDate: string;
  citizenId: string;
  role: SuspectRole | '';
  arrestedOn: string;
  custodyUntil: string;
  measure: SuspectMeasure;
  measureFrom: string;
  outcome: SuspectOutcome;
  notes: string;
}
const FIELDS = [
  'personId',
  'fullName',
  'sex',
  'birthDate',
  'citizenId',
  'role',
  'arrestedOn',
  'custodyUntil',
  'measure',
  'measureFrom',
  'outcome',
  'notes',
];
/** The new person's fields arrive as newPerson.fullName …: they are the form's own fields here. */
const RENAME = { 'newPerson.fullName': 'fullName' };
const orNull = (s: string) => (s.trim() ? s.trim() : null);

function linkFields(v: SuspectForm) {
  return {
    role: v.role,
    arrestedOn: v.arrestedOn || null,
    custodyUntil: v.custodyUntil || null,
    measure: v.measure,
    measureFrom: v.measureFrom || null,
    outcome: v.outcome,
    notes: orNull(v.notes),
  };
}

function toAddInput(caseId: string, v: SuspectForm) {
  return {
    caseId,
    ...(v.who === 'existing'
      ? { personId: v.personId || undefined }
      : {
          newPerson: {
            fullName: v.fullName,
            sex: v.sex,
            birthDate: v.birthDate,
            citizenId: v.citizenId.trim() || null,
          },
        }),
    ...linkFields(v),
  };
}

/** Issues of the nested new person (newPerson.fullName) onto this form's flat fields. */
function flatten(path: string): string {
  return path.startsWith('newPerson.') ? path.slice('newPerson.'.length) : path;
}

const sh = suspectInputSchema.shape;
/** The link's own fields, for an edit (the person stays who they are). */
const linkSchema = z
  .object({
    role: sh.role,
    arrestedOn: sh.arrestedOn,
    custodyUntil: sh.custodyUntil,
    measure: sh.measure,
    measureFrom: sh.measureFrom,
    outcome: sh.outcome,
    notes: sh.notes,
  })
  .refine((l) => !l.arrestedOn || !l.custodyUntil || l.custodyUntil >= l.arrestedOn, {
    path: ['custodyUntil'],
    message: 'end_before_start',
  });

/**
 * A suspect of a case: a person of the registry (found by name or CCCD) or a new one entered here — created
 * in the registry by the host, and not "under management" because of this link — with the role in the case,
 * arrest and custody dates, the preventive measure and the outcome. Editing changes only the link's fields.
 */
export function SuspectModal(props: {
  caseFile: CaseView;
  suspect: SuspectView | null;
  onClose: () => void;
  onSaved: (c: CaseView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useInvestigationLabels();
  const s = props.suspect;
  const editing = Boolean(s);
  const resolver = editing
    ? schemaResolver(linkSchema, (v: SuspectForm) => linkFields(v))
    : schemaResolver(suspectInputSchema, (v: SuspectForm) => toAddInput(props.caseFile.id, v));
  const { control, handleSubmit, setError, getValues, formState } = useForm<SuspectForm>({
    resolver: (async (values: SuspectForm, context: unknown, options: never) => {
      const r = await resolver(values, context, options);
      // Nested new-person issues (newPerson.birthDate) belong to the flat fields of this form.
      const errors = r.errors as Record<string, unknown>;
      const nested = errors.newPerson as Record<string, unknown> | undefined;
      if (nested) {
        delete errors.newPerson;
        Object.assign(errors, nested);
      }
      return r;
    }) as Resolver<SuspectForm>,
    defaultValues: {
      who: 'existing',
      personId: '',
      fullName: '',
      sex: '',
      birthDate: '',
      citizenId: '',
      role: s?.role ?? '',
      arrestedOn: s?.arrestedOn ?? '',
      custodyUntil: s?.custodyUntil ?? '',
      measure: s?.measure ?? 'none',
      measureFrom: s?.measureFrom ?? '',
      outcome: s?.outcome ?? 'pending',
      notes: s?.notes ?? '',
    },
  });
  const who = useWatch({ control, name: 'who' });

  const submit = handleSubmit(async () => {
    const v = getValues();
    const r = s
      ? await api.invoke('cases.updateSuspect', { suspectId: s.id, patch: linkFields(v) as never })
      : await api.invoke('cases.addSuspect', toAddInput(props.caseFile.id, v) as never);
    if (!r.ok) {
      const issues = r.error.issues?.map((i) => ({ ...i, path: flatten(i.path) }));
      return applyHostError({ ...r.error, issues }, setError as never, FIELDS, RENAME);
    }
    props.onSaved(r.value);
  });

  return (
    <ModalForm
      open
      width={760}
      title={
        s
          ? t('investigations.suspect.editTitle', { name: s.person?.fullName ?? '' })
          : t('investigations.suspect.addTitle')
      }
      okText={s ? t('common.save') : t('investigations.suspect.add')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
    >
      {editing ? null : (
        <>
          <Field control={control} name="who" label={t('investigations.suspect.who')}>
            {({ ref: _ref, onChange, ...f }) => (
              <Segmented
                {...f}
                onChange={(v) => onChange(v)}
                options={[
                  { value: 'existing', label: t('investigations.suspect.existing') },
                  { value: 'new', label: t('investigations.suspect.new') },
                ]}
              />
            )}
          </Field>
          {who === 'existing' ? (
            <Field control={control} name="personId" label={t('investigations.suspect.person')} required>
              {({ ref: _ref, ...f }) => <PersonPicker {...f} />}
            </Field>
          ) : (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Field control={control} name="fullName" label={t('investigations.suspect.fullName')} required>
                  {(f) => <Input {...f} maxLength={100} autoComplete="off" />}
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field control={control} name="sex" label={t('investigations.suspect.sex')} required>
                  {({ ref: _ref, ...f }) => (
                    <Select
                      {...f}
                      value={f.value || undefined}
                      placeholder={t('investigations.suspect.chooseSex')}
                      options={[
                        { value: 'male', label: t('investigations.suspect.male') },
                        { value: 'female', label: t('investigations.suspect.female') },
                      ]}
                    />
                  )}
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field control={control} name="birthDate" label={t('investigations.suspect.birthDate')} required>
                  {(f) => <DateField {...f} notFuture placeholder={t('investigations.common.datePlaceholder')} />}
                </Field>
              </Col>
              <Col xs={24} md={12}>
                <Field control={control} name="citizenId" label={t('investigations.suspect.citizenId')}>
                  {(f) => <Input {...f} maxLength={12} inputMode="numeric" autoComplete="off" />}
                </Field>
              </Col>
            </Row>
          )}
        </>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field control={control} name="role" label={t('investigations.suspect.role')} required>
            {({ ref: _ref, ...f }) => (
              <Select
                {...f}
                value={f.value || undefined}
                placeholder={t('investigations.suspect.chooseRole')}
                options={SUSPECT_ROLE_LIST.map((r) => ({ value: r, label: labels.suspectRole[r] }))}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="outcome" label={t('investigations.suspect.outcome')}>
            {({ ref: _ref, ...f }) => (
              <Select
                {...f}
                options={SUSPECT_OUTCOME_LIST.map((r) => ({ value: r, label: labels.suspectOutcome[r] }))}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="arrestedOn" label={t('investigations.suspect.arrestedOn')}>
            {(f) => <DateField {...f} notFuture placeholder={t('investigations.common.datePlaceholder')} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="custodyUntil" label={t('investigations.suspect.custodyUntil')}>
            {(f) => <DateField {...f} placeholder={t('investigations.common.datePlaceholder')} />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="measure" label={t('investigations.suspect.measure')}>
            {({ ref: _ref, ...f }) => (
              <Select
                {...f}
                options={SUSPECT_MEASURE_LIST.map((r) => ({ value: r, label: labels.suspectMeasure[r] }))}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="measureFrom" label={t('investigations.suspect.measureFrom')}>
            {(f) => <DateField {...f} placeholder={t('investigations.common.datePlaceholder')} />}
          </Field>
        </Col>
      </Row>
      <Field control={control} name="notes" label={t('investigations.suspect.notes')}>
        {(f) => <Input.TextArea {...f} rows={2} maxLength={2000} />}
      </Field>
    </ModalForm>
  );
}
