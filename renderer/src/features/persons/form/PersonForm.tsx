import { CheckOutlined, SaveOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Col, Flex, Form, Row } from 'antd';
import { useState } from 'react';
import { useForm, useWatch, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { PersonFile, UnitView } from '../../../../../shared/contract';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { IdentityFields } from './IdentityFields';
import { personFormSchema, type PersonFormValues } from './person-form';
import { PhotoField } from './PhotoField';
import { ResidenceFields } from './ResidenceFields';
import { ConfirmationNotice, DuplicateNotice } from './SaveNotices';
import { identityKey, usePersonSave } from './usePersonSave';
import { UseFields } from './UseFields';

/** Field errors, nested ones (addresses) included; the form-level server error is not a field. */
function countFieldErrors(errors: FieldErrors): number {
  let n = 0;
  for (const [key, e] of Object.entries(errors)) {
    if (key === 'root' || !e) continue;
    n += typeof e.message === 'string' ? 1 : countFieldErrors(e as FieldErrors);
  }
  return n;
}

/**
 * The person form, for a new file or an existing one. Validation uses the contract's schemas with their
 * message keys; the host's objections land on the fields they concern; nothing typed is ever cleared by
 * a failed save.
 */
export function PersonForm(props: {
  initial: PersonFormValues;
  file: PersonFile | null;
  currentPhoto: string | null;
  units: readonly UnitView[];
  onSaved: (file: PersonFile) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { control, handleSubmit, setError, setValue, formState } = useForm<PersonFormValues>({
    resolver: zodResolver(personFormSchema),
    defaultValues: props.initial,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const [photo, setPhoto] = useState<string | null | undefined>(props.file ? undefined : null);
  const { confirmation, duplicate, save } = usePersonSave({
    personId: props.file?.person.id ?? null,
    original: props.file,
    setError,
    onSaved: props.onSaved,
  });
  const identity = useWatch({ control, name: ['fullName', 'birthDate', 'sex', 'citizenId'] });
  const key = identityKey({ fullName: identity[0], birthDate: identity[1], sex: identity[2], citizenId: identity[3] });
  const activeConfirmation = confirmation?.key === key ? confirmation : null;

  const submit = handleSubmit((values) => save(values, photo));
  // Beside the save button, a reminder of what is still wrong further up a long form.
  const invalid = formState.submitCount > 0 ? countFieldErrors(formState.errors) : 0;

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t(props.file ? 'persons.form.editTitle' : 'persons.form.createTitle')}
    >
      <Form component={false} layout="vertical">
        <FormErrorAlert errors={formState.errors} />
        <Flex vertical gap={20}>
          <Card title={t('persons.form.identity')}>
            <Row gutter={24}>
              <Col xs={24} xl={18}>
                <IdentityFields control={control} />
              </Col>
              <Col xs={24} xl={6}>
                <PhotoField value={photo} current={props.currentPhoto} onChange={setPhoto} />
              </Col>
            </Row>
            {duplicate ? <DuplicateNotice duplicate={duplicate} /> : null}
          </Card>
          <Card title={t('persons.form.residence')}>
            <ResidenceFields control={control} setValue={setValue} />
          </Card>
          <Card title={t('persons.form.use')}>
            <UseFields control={control} units={props.units} />
          </Card>
          {activeConfirmation ? <ConfirmationNotice confirmation={activeConfirmation} /> : null}
          {invalid ? (
            <Alert type="error" showIcon role="alert" title={t('persons.form.invalidFields', { count: invalid })} />
          ) : null}
          <Flex gap={12} justify="flex-end" className="persons-form-actions">
            <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              htmlType="submit"
              icon={activeConfirmation ? <CheckOutlined /> : <SaveOutlined />}
              loading={formState.isSubmitting}
            >
              {activeConfirmation ? t('persons.form.confirmSave') : t('persons.form.save')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </form>
  );
}
