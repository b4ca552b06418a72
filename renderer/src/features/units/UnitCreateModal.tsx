import { zodResolver } from '@hookform/resolvers/zod';
import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { unitCreateSchema, type UnitView } from '../../../../shared/contract';
import { UNIT_KIND_LIST, type UnitKind } from '../../../../shared/domain/roles';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';

const shape = unitCreateSchema.shape;
/** The contract's unit fields; the optional codes are '' in the form and null for the host. */
const unitFormSchema = z.object({
  code: shape.code,
  name: shape.name,
  kind: shape.kind,
  provinceCode: z.string().refine((s) => s === '' || /^\d{2}$/.test(s), { message: 'province_code_format' }),
  communeCode: z.string().refine((s) => s === '' || /^\d{5}$/.test(s), { message: 'commune_code_format' }),
});
type UnitFormValues = z.input<typeof unitFormSchema>;
const DEFAULTS: UnitFormValues = { code: '', name: '', kind: 'commune_police', provinceCode: '', communeCode: '' };
const FIELDS = ['code', 'name', 'kind', 'provinceCode', 'communeCode'] as const;

export function UnitCreateModal(props: { open: boolean; onClose: () => void; onCreated: (u: UnitView) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { control, handleSubmit, setError, reset, formState } = useForm<UnitFormValues>({
    resolver: zodResolver(unitFormSchema),
    defaultValues: DEFAULTS,
  });

  const submit = handleSubmit(async (v) => {
    const r = await api.invoke('units.create', {
      code: v.code,
      name: v.name,
      kind: v.kind as UnitKind,
      provinceCode: v.provinceCode || null,
      communeCode: v.communeCode || null,
    });
    if (!r.ok) {
      applyApiError(r.error, setError, FIELDS);
      return;
    }
    reset(DEFAULTS);
    props.onCreated(r.value);
  });

  return (
    <Modal
      open={props.open}
      title={t('units.create.title')}
      okText={t('units.create.submit')}
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
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('units.create.title')}>
        <Form component={false} layout="vertical">
          <FormErrorAlert errors={formState.errors} />
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Field control={control} name="code" label={t('fields.unitCode')} required>
                {(f) => <Input {...f} autoComplete="off" />}
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
                label={t('fields.provinceCode')}
                extra={t('units.provinceHint')}
              >
                {(f) => <Input {...f} autoComplete="off" inputMode="numeric" maxLength={2} />}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field
                control={control}
                name="communeCode"
                label={t('fields.communeCode')}
                extra={t('units.communeHint')}
              >
                {(f) => <Input {...f} autoComplete="off" inputMode="numeric" maxLength={5} />}
              </Field>
            </Col>
          </Row>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      </form>
    </Modal>
  );
}
