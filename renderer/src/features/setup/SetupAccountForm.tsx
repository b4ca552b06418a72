import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Col, Divider, Flex, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { VaultCreated } from '../../../../shared/contract';
import { UNIT_KIND_LIST } from '../../../../shared/domain/roles';
import { communesOf } from '../../../../shared/places';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { CommunePicker, ProvinceSelect } from '../../components/PlacePickers';
import { setupFormDefaults, setupFormSchema, toVaultCreateInput, type SetupFormValues } from './setup-form';

const FIELDS = [
  'adminUsername',
  'adminDisplayName',
  'password',
  'confirmPassword',
  'leader.username',
  'leader.displayName',
  'leader.password',
  'leader.confirmPassword',
  'unit.code',
  'unit.name',
  'unit.kind',
  'unit.provinceCode',
  'unit.communeCode',
] as const;

/** Step one: the workstation's first administrator and, optionally, the unit it belongs to. */
export function SetupAccountForm({ onCreated }: { onCreated: (created: VaultCreated) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { control, handleSubmit, setError, setValue, getValues, formState } = useForm<SetupFormValues>({
    resolver: zodResolver(setupFormSchema),
    defaultValues: setupFormDefaults,
  });
  const withUnit = useWatch({ control, name: 'withUnit' });
  const unitKind = useWatch({ control, name: 'unit.kind' });
  const provinceCode = useWatch({ control, name: 'unit.provinceCode' });
  // A commune of another province does not stay behind when the province changes.
  useEffect(() => {
    const c = getValues('unit.communeCode');
    if (c && !communesOf(provinceCode).some((x) => x.code === c)) setValue('unit.communeCode', '');
  }, [provinceCode, getValues, setValue]);

  const submit = handleSubmit(async (values) => {
    const r = await api.invoke('vault.create', toVaultCreateInput(values));
    if (!r.ok) {
      applyApiError(r.error, setError, FIELDS);
      return;
    }
    // The passwords have done their work; they do not stay in the form.
    setValue('password', '');
    setValue('confirmPassword', '');
    setValue('leader.password', '');
    setValue('leader.confirmPassword', '');
    onCreated(r.value);
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('setup.account.title')}>
      <Form component={false} layout="vertical" requiredMark>
        <FormErrorAlert errors={formState.errors} />
        <Row gutter={16} role="group" aria-label={t('setup.steps.account')}>
          <Col xs={24} md={12}>
            <Field control={control} name="adminUsername" label={t('fields.username')} required>
              {(f) => <Input {...f} autoComplete="username" placeholder={t('setup.account.usernamePlaceholder')} />}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field control={control} name="adminDisplayName" label={t('fields.displayName')} required>
              {(f) => <Input {...f} autoComplete="name" placeholder={t('setup.account.displayNamePlaceholder')} />}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field
              control={control}
              name="password"
              label={t('fields.password')}
              required
              hint={t('fields.passwordHint')}
            >
              {(f) => <Input.Password {...f} autoComplete="new-password" />}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field control={control} name="confirmPassword" label={t('fields.confirmPassword')} required>
              {(f) => <Input.Password {...f} autoComplete="new-password" />}
            </Field>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          <Typography.Text strong>{t('setup.account.leaderSection')}</Typography.Text>
        </Divider>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('setup.account.leaderIntro')}
        </Typography.Paragraph>
        <Row gutter={16} role="group" aria-label={t('setup.account.leaderSection')}>
          <Col xs={24} md={12}>
            <Field control={control} name="leader.username" label={t('fields.username')} required>
              {(f) => <Input {...f} autoComplete="off" placeholder={t('setup.account.leaderUsernamePlaceholder')} />}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field control={control} name="leader.displayName" label={t('fields.displayName')} required>
              {(f) => <Input {...f} autoComplete="off" placeholder={t('setup.account.leaderDisplayNamePlaceholder')} />}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field
              control={control}
              name="leader.password"
              label={t('fields.password')}
              required
              hint={t('fields.passwordHint')}
            >
              {(f) => <Input.Password {...f} autoComplete="new-password" />}
            </Field>
          </Col>
          <Col xs={24} md={12}>
            <Field control={control} name="leader.confirmPassword" label={t('fields.confirmPassword')} required>
              {(f) => <Input.Password {...f} autoComplete="new-password" />}
            </Field>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          <Typography.Text strong>{t('setup.account.unitSection')}</Typography.Text>
        </Divider>
        <Controller
          control={control}
          name="withUnit"
          render={({ field }) => (
            <Flex align="center" gap={10} style={{ marginBottom: 20 }}>
              <Switch id="setup-with-unit" ref={field.ref} checked={field.value} onChange={field.onChange} />
              <label htmlFor="setup-with-unit">{t('setup.account.withUnit')}</label>
            </Flex>
          )}
        />
        {withUnit ? (
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Field control={control} name="unit.code" label={t('fields.unitCode')} required>
                {(f) => <Input {...f} placeholder={t('setup.account.unitCodePlaceholder')} />}
              </Field>
            </Col>
            <Col xs={24} md={16}>
              <Field control={control} name="unit.name" label={t('fields.unitName')} required>
                {(f) => <Input {...f} placeholder={t('setup.account.unitNamePlaceholder')} />}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field control={control} name="unit.kind" label={t('fields.unitKind')} required>
                {({ ref: _ref, ...f }) => (
                  <Select {...f} options={UNIT_KIND_LIST.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))} />
                )}
              </Field>
            </Col>
            <Col xs={24} md={12}>
              <Field
                control={control}
                name="unit.provinceCode"
                label={t('places.province')}
                required
                extra={t('setupPlaces.provinceHint')}
              >
                {({ ref: _ref, ...f }) => <ProvinceSelect {...f} />}
              </Field>
            </Col>
            {unitKind === 'commune_police' ? (
              <Col xs={24}>
                <Field
                  control={control}
                  name="unit.communeCode"
                  label={t('places.commune')}
                  required
                  extra={t('setupPlaces.communeHint')}
                >
                  {({ ref: _ref, ...f }) => <CommunePicker {...f} provinceCode={provinceCode} />}
                </Field>
              </Col>
            ) : null}
          </Row>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('setup.account.kdfNote')}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" size="large" block loading={formState.isSubmitting}>
          {formState.isSubmitting ? t('setup.account.creating') : t('setup.account.submit')}
        </Button>
      </Form>
    </form>
  );
}
