import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Form, InputNumber, Radio } from 'antd';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { preferencesPatchSchema } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { useSession } from '../../app/session-context';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { LANGUAGES } from '../../i18n';

const shape = preferencesPatchSchema.shape;

/** The idle timeout a user may choose: 1–120 minutes, and never above the administrator's maximum. */
function preferencesFormSchema(maxMinutes: number) {
  return z.object({
    language: shape.language.unwrap(),
    idleMinutes: z
      .number({ message: 'idle_minutes_range' })
      .int({ message: 'idle_minutes_range' })
      .min(1, { message: 'idle_minutes_range' })
      .max(120, { message: 'idle_minutes_range' })
      .max(maxMinutes, { message: 'idle_above_max' }),
  });
}
type PreferencesFormValues = z.input<ReturnType<typeof preferencesFormSchema>>;

/**
 * Language and idle timeout, saved on this workstation with `prefs.set` (they are not secret). The idle timeout
 * may only be shorter than the workstation's maximum (`settings.idleMax`), which the host enforces as well.
 */
export function PreferencesForm({ maxMinutes }: { maxMinutes: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const { preferences, setPreferences } = useSession();
  const schema = useMemo(() => preferencesFormSchema(maxMinutes), [maxMinutes]);
  const { control, handleSubmit, setError, formState } = useForm<PreferencesFormValues>({
    resolver: zodResolver(schema),
    defaultValues: preferences,
  });

  const submit = handleSubmit(async (v) => {
    const r = await api.invoke('prefs.set', v);
    if (!r.ok) {
      applyApiError(r.error, setError, ['language', 'idleMinutes']);
      return;
    }
    setPreferences(r.value);
    void message.success(t('settings.saved', { lng: r.value.language }));
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('settings.preferences')}>
      <Form component={false} layout="vertical">
        <FormErrorAlert errors={formState.errors} />
        <Field control={control} name="language" label={t('settings.language')}>
          {({ value, onChange, id }) => (
            <Radio.Group
              id={id}
              value={value}
              onChange={(e) => onChange(e.target.value)}
              optionType="button"
              buttonStyle="solid"
              options={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
            />
          )}
        </Field>
        <Field
          control={control}
          name="idleMinutes"
          label={t('settings.idleMinutes')}
          extra={t('settings.idleHintMax', { count: maxMinutes })}
        >
          {({ ref: _ref, ...f }) => (
            // No min/max here: antd would silently clamp an out-of-range number; the schema explains it instead.
            <InputNumber {...f} suffix={t('settings.minutes')} style={{ width: 180 }} />
          )}
        </Field>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          {t('common.save')}
        </Button>
      </Form>
    </form>
  );
}
