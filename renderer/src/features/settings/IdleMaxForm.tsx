import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Form, InputNumber, Typography } from 'antd';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useApi } from '../../api/api-context';
import { applyApiError } from '../../api/api-errors';
import { useSession } from '../../app/session-context';
import { Field } from '../../components/Field';
import { FormErrorAlert } from '../../components/FormErrorAlert';

const idleMaxSchema = z.object({
  maxMinutes: z
    .number({ message: 'idle_minutes_range' })
    .int({ message: 'idle_minutes_range' })
    .min(1, { message: 'idle_minutes_range' })
    .max(120, { message: 'idle_minutes_range' }),
});
type IdleMaxValues = z.input<typeof idleMaxSchema>;

/** The administrator's ceiling on everyone's idle timeout on this workstation (`settings.setIdleMax`, audited). */
export function IdleMaxForm({ maxMinutes, onSaved }: { maxMinutes: number; onSaved: (max: number) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const { preferences, setPreferences } = useSession();
  const { control, handleSubmit, setError, formState } = useForm<IdleMaxValues>({
    resolver: zodResolver(idleMaxSchema),
    defaultValues: { maxMinutes },
  });
  const submit = handleSubmit(async (v) => {
    const r = await api.invoke('settings.setIdleMax', v);
    if (!r.ok) {
      applyApiError(r.error, setError, ['maxMinutes']);
      return;
    }
    // The host shortened a longer timeout in use; the screen follows.
    if (preferences.idleMinutes > r.value.maxMinutes) {
      setPreferences({ ...preferences, idleMinutes: r.value.maxMinutes });
    }
    onSaved(r.value.maxMinutes);
    void message.success(t('settings.idleMaxSaved', { count: r.value.maxMinutes }));
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('settings.idleMaxCard')}>
      <Form component={false} layout="vertical">
        <FormErrorAlert errors={formState.errors} />
        <Typography.Paragraph type="secondary">{t('settings.idleMaxHint')}</Typography.Paragraph>
        <Field control={control} name="maxMinutes" label={t('settings.idleMax')}>
          {({ ref: _ref, ...f }) => <InputNumber {...f} suffix={t('settings.minutes')} style={{ width: 180 }} />}
        </Field>
        <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
          {t('settings.idleMaxSubmit')}
        </Button>
      </Form>
    </form>
  );
}
