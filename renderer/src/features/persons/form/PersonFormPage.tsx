import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonFile } from '../../../../../shared/contract';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { PageHeader } from '../../../components/PageHeader';
import { usePersonsNavigation } from '../persons-navigation';
import { useUnits } from '../useUnits';
import { emptyPersonForm, formFromRecord } from './person-form';
import { PersonForm } from './PersonForm';

function EditFormBody({ file, photo }: { file: PersonFile; photo: string | null }) {
  const nav = usePersonsNavigation();
  const units = useUnits();
  const { message } = App.useApp();
  const { t } = useTranslation();
  if (units.loading) return <Skeleton active paragraph={{ rows: 12 }} />;
  return (
    <PersonForm
      initial={formFromRecord(file.person)}
      file={file}
      currentPhoto={photo}
      units={units.units}
      onCancel={nav.back}
      onSaved={(saved) => {
        void message.success(t('persons.form.updated', { name: saved.person.fullName }));
        // Back to the file the edit was opened from, which reads itself again.
        nav.changed();
        nav.back();
      }}
    />
  );
}

/** The photo is read (and that read audited) only for a file that has one. */
function EditFormWithPhoto({ file }: { file: PersonFile }) {
  const errorText = useErrorText();
  const photo = useProcedure('persons.photo', { personId: file.person.id });
  if (photo.error) return <Alert type="error" showIcon title={errorText(photo.error)} />;
  if (photo.loading) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <EditFormBody file={file} photo={photo.data?.photo ?? null} />;
}

function EditForm({ personId }: { personId: string }) {
  const errorText = useErrorText();
  const file = useProcedure('persons.get', { personId });
  if (file.error) return <Alert type="error" showIcon title={errorText(file.error)} />;
  if (!file.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return file.data.person.hasPhoto ? (
    <EditFormWithPhoto file={file.data} />
  ) : (
    <EditFormBody file={file.data} photo={null} />
  );
}

function CreateForm() {
  const nav = usePersonsNavigation();
  const units = useUnits();
  const { message } = App.useApp();
  const { t } = useTranslation();
  if (units.loading) return <Skeleton active paragraph={{ rows: 12 }} />;
  return (
    <PersonForm
      initial={emptyPersonForm({
        unitId: units.own?.id ?? null,
        provinceCode: units.provinceCode,
        communeCode: units.own?.communeCode ?? null,
      })}
      file={null}
      currentPhoto={null}
      units={units.units}
      onCancel={nav.back}
      onSaved={(saved) => {
        void message.success(t('persons.form.created', { name: saved.person.fullName }));
        nav.changed();
        nav.replace({ kind: 'file', personId: saved.person.id });
      }}
    />
  );
}

/** A new person, or the identity and residence of an existing one. */
export function PersonFormPage({ personId }: { personId: string | null }) {
  const { t } = useTranslation();
  const nav = usePersonsNavigation();
  return (
    <>
      <PageHeader
        title={t(personId ? 'persons.form.editTitle' : 'persons.form.createTitle')}
        description={t('persons.form.description')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={nav.back}>
            {t('persons.back')}
          </Button>
        }
      />
      {personId ? <EditForm personId={personId} /> : <CreateForm />}
    </>
  );
}
