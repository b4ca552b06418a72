import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Flex,
  Input,
  InputNumber,
  Row,
  Select,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { facilityInputSchema } from '../../../../../shared/contract/rehab';
import type { FacilityView } from '../../../../../shared/contract/rehab-types';
import { FACILITY_KIND_LIST, type FacilityKind } from '../../../../../shared/domain/rehab';
import { communesOf, provinces } from '../../../../../shared/places';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';
import { applyRehabError } from '../rehab-errors';
import { useProcedure } from '../../../api/useProcedure';
import { Field } from '../../../components/Field';
import { contractResolver, fieldControl } from '../../persons/contract-resolver';
import { placeName } from '../../persons/labels';
import { foldedFilter } from '../../persons/list/PersonSearchBar';
import { useUnits } from '../../persons/useUnits';
import { useRehabAbilities } from '../abilities';
import { useRehabLabels } from '../labels';
import { RehabModalForm, useInvalidFocus } from '../RehabModalForm';

interface FacilityForm {
  code: string;
  name: string;
  kind: FacilityKind | '';
  provinceCode: string;
  communeCode: string;
  capacity: number | null;
  unitId: string;
}
const FIELDS = ['code', 'name', 'kind', 'provinceCode', 'communeCode', 'capacity', 'unitId'] as const;

function FacilityCreateModal(props: { onClose: () => void; onDone: (f: FacilityView) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useRehabLabels();
  const units = useUnits();
  const { formId, onInvalid } = useInvalidFocus();
  const {
    control: fc,
    handleSubmit,
    setError,
    setValue,
    formState,
  } = useForm<FacilityForm, unknown, z.output<typeof facilityInputSchema>>({
    resolver: contractResolver(facilityInputSchema, (v: FacilityForm) => ({
      code: v.code,
      name: v.name,
      kind: v.kind as FacilityKind,
      provinceCode: v.provinceCode,
      communeCode: v.communeCode || null,
      capacity: v.capacity ?? Number.NaN,
      unitId: v.unitId || null,
    })),
    defaultValues: {
      code: '',
      name: '',
      kind: '',
      provinceCode: units.provinceCode ?? '',
      communeCode: '',
      capacity: null,
      unitId: '',
    },
  });
  const control = fieldControl(fc);
  const provinceCode = useWatch({ control: fc, name: 'provinceCode' });
  const provinceOptions = useMemo(() => provinces().map((p) => ({ value: p.code, label: p.name })), []);
  const communeOptions = useMemo(
    () => (provinceCode ? communesOf(provinceCode).map((c) => ({ value: c.code, label: c.name })) : []),
    [provinceCode],
  );
  const unitOptions = units.units.filter((u) => u.kind === 'rehab_centre').map((u) => ({ value: u.id, label: u.name }));
  const submit = handleSubmit(async (input) => {
    const res = await api.invoke('facilities.create', input);
    if (!res.ok) return applyRehabError(res.error, setError, FIELDS);
    props.onDone(res.value);
  }, onInvalid);
  return (
    <RehabModalForm
      title={t('rehab.facilities.addTitle')}
      okText={t('rehab.facilities.add')}
      submitting={formState.isSubmitting}
      errors={formState.errors}
      formId={formId}
      onSubmit={() => void submit()}
      onCancel={props.onClose}
      width={760}
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Field control={control} name="code" label={t('rehab.facilities.code')} required>
            {(f) => <Input {...f} autoComplete="off" />}
          </Field>
        </Col>
        <Col xs={24} md={16}>
          <Field control={control} name="name" label={t('rehab.facilities.name')} required>
            {(f) => <Input {...f} autoComplete="off" />}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="kind" label={t('rehab.facilities.kind')} required>
            {({ ref: _ref, ...f }) => (
              <Select
                {...f}
                value={f.value || undefined}
                placeholder={t('rehab.facilities.chooseKind')}
                options={FACILITY_KIND_LIST.map((k) => ({ value: k, label: labels.facilityKind[k] }))}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="capacity" label={t('rehab.facilities.capacity')} required>
            {({ ref: _ref, value, onChange, ...f }) => (
              <InputNumber
                {...f}
                value={value}
                onChange={(v) => onChange(typeof v === 'number' ? v : null)}
                min={0}
                precision={0}
                style={{ width: '100%' }}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="provinceCode" label={t('rehab.facilities.province')} required>
            {({ ref: _ref, onChange, ...f }) => (
              <Select
                {...f}
                value={f.value || undefined}
                onChange={(v: string) => {
                  onChange(v ?? '');
                  setValue('communeCode', '');
                }}
                showSearch={{ filterOption: foldedFilter }}
                options={provinceOptions}
              />
            )}
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field control={control} name="communeCode" label={t('rehab.facilities.commune')}>
            {({ ref: _ref, onChange, ...f }) => (
              <Select
                {...f}
                value={f.value || undefined}
                onChange={(v: string | undefined) => onChange(v ?? '')}
                allowClear
                showSearch={{ filterOption: foldedFilter }}
                options={communeOptions}
              />
            )}
          </Field>
        </Col>
        <Col xs={24}>
          <Field
            control={control}
            name="unitId"
            label={t('rehab.facilities.unit')}
            extra={t('rehab.facilities.unitHint')}
          >
            {({ ref: _ref, onChange, ...f }) => (
              <Select
                {...f}
                value={f.value || undefined}
                onChange={(v: string | undefined) => onChange(v ?? '')}
                allowClear
                options={unitOptions}
              />
            )}
          </Field>
        </Col>
      </Row>
    </RehabModalForm>
  );
}

/** The rehab facilities of this workstation: kind, place, capacity and occupancy; leaders add them. */
export function FacilitiesTab() {
  const { t } = useTranslation();
  const labels = useRehabLabels();
  const errorText = useErrorText();
  const can = useRehabAbilities();
  const { message } = App.useApp();
  const list = useProcedure('facilities.list', {});
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<FacilityView> = [
    { key: 'code', title: t('rehab.facilities.code'), width: 120, render: (_, f) => f.code },
    {
      key: 'name',
      title: t('rehab.facilities.name'),
      render: (_, f) => <Typography.Text strong>{f.name}</Typography.Text>,
    },
    { key: 'kind', title: t('rehab.facilities.kind'), render: (_, f) => labels.facilityKind[f.kind] },
    {
      key: 'place',
      title: t('rehab.facilities.place'),
      responsive: ['lg'],
      render: (_, f) => placeName(f.communeCode, f.provinceCode),
    },
    {
      key: 'occupancy',
      title: t('rehab.roster.occupancy'),
      width: 140,
      render: (_, f) => (
        <Typography.Text type={f.occupancy >= f.capacity ? 'danger' : undefined}>
          {f.occupancy.toLocaleString('vi-VN')} / {f.capacity.toLocaleString('vi-VN')}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      {can.manageFacilities ? (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('rehab.facilities.add')}
          </Button>
        </Flex>
      ) : null}
      {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      <Table<FacilityView>
        rowKey="id"
        size="small"
        aria-label={t('rehab.tabs.facilities')}
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        pagination={false}
        locale={{ emptyText: <Typography.Text type="secondary">{t('rehab.facilities.empty')}</Typography.Text> }}
      />
      {adding ? (
        <FacilityCreateModal
          onClose={() => setAdding(false)}
          onDone={(f) => {
            setAdding(false);
            void message.success(t('rehab.facilities.added', { name: f.name }));
            list.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}
