import { WarningOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useController, type Control, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { nameHints } from '../../../../../shared/text/name-hints';
import type { PersonFormValues } from './person-form';

/**
 * Under the full name, once the user has left the field: an offer to write the name in Vietnamese letter case,
 * and a question when it has no diacritics at all. The name is changed only if the user says so.
 */
export function NameHint({
  control,
  setValue,
}: {
  control: Control<PersonFormValues>;
  setValue: UseFormSetValue<PersonFormValues>;
}) {
  const { t } = useTranslation();
  const { field, fieldState } = useController({ control, name: 'fullName' });
  if (!fieldState.isTouched || fieldState.error) return null;
  const hints = nameHints(field.value);
  if (!hints.caseFixed && !hints.noDiacritics) return null;
  return (
    <Flex vertical gap={4} align="flex-start" data-testid="name-hint" style={{ marginTop: 4 }}>
      {hints.caseFixed ? (
        <Button
          size="small"
          onClick={() => setValue('fullName', hints.caseFixed!, { shouldDirty: true, shouldValidate: true })}
        >
          {t('persons.form.fixNameCase', { name: hints.caseFixed })}
        </Button>
      ) : null}
      {hints.noDiacritics ? (
        <Typography.Text type="warning" role="status">
          <WarningOutlined /> {t('persons.form.nameNoDiacritics')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
