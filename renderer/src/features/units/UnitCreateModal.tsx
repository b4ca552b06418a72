import { zodResolver } from '@hookform/resolvers/zod';
import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { unitCreateSchema, type UnitView } from '../../../../shared/contract';
import { UNIT_KIND_LIST, type UnitKind } from '../../../../shared/domain/roles';
import { communesOf } from '../../../../shared/places';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { CommunePicker, ProvinceSelect } from '../../components/PlacePickers';

const shape = unitCreateSchema.shape;
/**
 * The contract's unit fields; the places are '' in the form (none) and null for the host. Provinces and
 * communes are picked by name, so a code the list does not know cannot be entered; the commune must lie in
 * the province, which the pickers ensure and the host checks again.
 */
const unitFormSchema = z.object({
  code: shape.code,
  name: shape.name,
  kind: shape.kind,
  provinceCode: z.string(),
  communeCode: z.string(),
});
type UnitFormValues = z.input<typeof unitFormSchema>;
const DEFAULTS: UnitFormValues = { code: '', name: '', kind: 'commune_police', provinceCode: '', communeCode: '' };
const FIELDS = ['code', 'name', 'kind', 'provinceCode', 'communeCode'] as const;

function valuesOf(u: UnitView | null): UnitFormValues {
  return u
    ? { code: u.code, name: u.name, kind: u.kind, provinceCode: u.provinceCode ?? '', communeCode: u.communeCode ?? '' }
    : DEFAULTS;
}

/** Adds a unit, or edits one (`unit` given): name, kind, province and commune; the code stays. */
export function UnitCreateModal(props: {
  open: boolean;
  unit?: UnitView | null;
  onClose: () => void;
  onCreated: (u: UnitView) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const editing = props.unit ?? null;
  const { control, handleSubmit, setError, reset, setValue, getValues, formState } = useForm<UnitFormValues>({
    resolver: zodResolver(unitFormSchema),
    defaultValues: valuesOf(editing),
  });
  useEffect(() => {
    if (props.open) reset(valuesOf(editing));
  }, [props.open, editing, reset]);
  const provinceCode = useWatch({ control, name: 'provinceCode' });
  // A commune of another province does not stay behind when the province changes.
  useEffect(() => {
    const c = getValues('communeCode');
    if (c && !communesOf(provinceCode).some((x) => x.code === c)) setValue('communeCode', '');
  }, [provinceCode, getValues, setValue]);

  const submit = handleSubmit(async (v) => {
    const place = { provinceCode: v.provinceCode || null, communeCode: v.communeCode || null };
    const r = editing
      ? await api.invoke('units.update', { unitId: editing.id, name: v.name, kind: v.kind as UnitKind, ...place })
      : await api.invoke('units.create', { code: v.code, name: v.name, kind: v.kind as UnitKind, ...place });
    if (!r.ok) {
      applyApiError(r.error, setError, FIELDS);
      return;
    }
    reset(DEFAULTS);
    props.onCreated(r.value);
  });
  const title = editing ? t('unitsEdit.title') : t('units.create.title');

  return (
    <Modal
      open={props.open}
      title={title}
      okText={editing ? t('unitsEdit.submit') : t('units.create.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={() => {
        reset(DEFAULTS);
        props.onClose();
      }}
      confirmLoading={formState.isSubmitting}
      width={620}
      destroyOnHidden
      maskClosable={false}
    >
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
        <Form component={false} layout="vertical">
          <FormErrorAlert errors={formState.errors} />
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Field
                control={control}
                name="code"
                label={t('fields.unitCode')}
                required
                extra={editing ? t('unitsEdit.codeFixed') : undefined}
              >
                {(f) => <Input {...f} autoComplete="off" disabled={Boolean(editing)} />}
              </Field>
            </Col>
            <Col xs={24} md={16}>
              <Field control={control} name="name" label={t('fields.unitName')} required>
                {(f) => <Input {...f} autoComplete="off" />}
              </Field>
            </Col>
            <Col xs={24}>
              <Field control={control} name="kind" label={t('fields.unitKind')} required>
                {({ ref: _ref, ...f }) => (
                  <Select {...f} options={UNIT_KIND_LIST.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))} />
                )}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field
                control={control}
                name="provinceCode"
                label={t('places.province')}
                extra={t('unitsEdit.provinceHint')}
              >
                {({ ref: _ref, ...f }) => <ProvinceSelect {...f} allowClear />}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field
                control={control}
                name="communeCode"
                label={t('places.commune')}
                extra={t('unitsEdit.communeHint')}
              >
                {({ ref: _ref, ...f }) => <CommunePicker {...f} provinceCode={provinceCode} allowClear />}
              </Field>
            </Col>
          </Row>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </form>
    </Modal>
  );
}
