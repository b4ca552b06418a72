import { ArrowLeftOutlined, EditOutlined, MergeCellsOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonFile } from '../../../../../shared/contract';
import { Permissions, type Permission } from '../../../../../shared/domain/roles';
import { useApi } from '../../../api/api-context';
import { useErrorText } from '../../../api/api-errors';
import { useProcedure } from '../../../api/useProcedure';
import { useSignedInSession } from '../../../app/session-context';
import { PageHeader } from '../../../components/PageHeader';
import { PrintPreviewModal } from '../../../components/PrintPreviewModal';
import { formatDateTime } from '../../../i18n/dates';
import { ConflictsAlert } from '../../conflicts/ConflictsAlert';
import { PersonCasesCard } from '../../investigations/person/PersonCasesCard';
import { PersonRehabCard } from '../../rehab/person/PersonRehabCard';
import { CategoryTag } from '../CategoryTag';
import { usePersonsNavigation, useScreenActive } from '../persons-navigation';
import { useReloadOn } from '../useReloadOn';
import { useUnits } from '../useUnits';
import { DeterminationsCard } from './DeterminationsCard';
import { IdentityCard } from './IdentityCard';
import { LimitedFile } from './LimitedFile';
import { MeasuresCard } from './MeasuresCard';
import { MergeModal } from './MergeModal';
import { ReadersCard } from './ReadersCard';
import { TestsCard } from './TestsCard';
import { TimelineCard } from './TimelineCard';
import { UnclassifiedNote } from './UnclassifiedNote';

/**
 * A person's file: identity, residence, category, measures, tests, determinations and the timeline; the
 * readers' log for leaders; print and merge. Opening it is audited by the host (persons.get).
 */
export function PersonFilePage({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const nav = usePersonsNavigation();
  const session = useSignedInSession();
  const units = useUnits();
  const api = useApi();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const file = useProcedure('persons.get', { personId });
  // A write answered with the file as it now stands: the version bump that tells the list and the due panel
  // must not make this screen read (and log a read of) the file again.
  const fresh = useRef(false);
  const reloadUnlessFresh = useCallback(() => {
    if (fresh.current) fresh.current = false;
    else file.reload();
  }, [file]);
  // Changed elsewhere (its edit form, a merge) while kept below: read again once shown.
  useReloadOn(nav.version, reloadUnlessFresh, useScreenActive());
  const [round, setRound] = useState(0);
  const [dialog, setDialog] = useState<'print' | 'merge' | null>(null);
  const can = (p: Permission) => session.permissions.includes(p);

  const changed = (next?: PersonFile) => {
    if (next) {
      file.replace(next);
      fresh.current = true;
    }
    setRound((r) => r + 1);
    // Bumping the version reloads this file too (it is the screen shown), the list and the due panel.
    nav.changed();
  };

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={nav.back}>
      {t('persons.back')}
    </Button>
  );
  if (file.error) {
    return (
      <>
        <PageHeader title={t('persons.file.title')} extra={back} />
        <Alert type="error" showIcon title={errorText(file.error)} />
      </>
    );
  }
  if (!file.data) return <Skeleton active paragraph={{ rows: 14 }} />;

  const f = file.data;
  const p = f.person;
  const live = !p.mergedInto;
  const canWrite = live && !f.limited && can(Permissions.personsWrite);

  return (
    <>
      <PageHeader
        title={p.fullName}
        extra={
          <>
            {back}
            {canWrite ? (
              <Button icon={<EditOutlined />} onClick={() => nav.open({ kind: 'edit', personId })}>
                {t('persons.file.edit')}
              </Button>
            ) : null}
            {live && !f.limited && can(Permissions.personsMerge) ? (
              <Button icon={<MergeCellsOutlined />} onClick={() => setDialog('merge')}>
                {t('persons.merge.open')}
              </Button>
            ) : null}
            {!f.limited && can(Permissions.personsRead) ? (
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => setDialog('print')}>
                {t('persons.print.open')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={12} align="center" wrap style={{ marginTop: -8, marginBottom: 20 }}>
        <Typography.Text>{t('persons.fields.category')}:</Typography.Text>
        <span data-testid="person-category">
          <CategoryTag category={p.category} />
        </span>
        <Typography.Text type="secondary">
          {t('persons.file.updatedAt', { at: formatDateTime(p.updatedAt) })}
        </Typography.Text>
      </Flex>
      {live && !f.limited ? <UnclassifiedNote category={p.category} /> : null}
      {live && can(Permissions.conflictsResolve) ? (
        <ConflictsAlert
          recordId={personId}
          onResolved={() => {
            void message.success(t('conflicts.done'));
            changed();
          }}
        />
      ) : null}
      {p.mergedInto ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 20 }}
          title={t('persons.file.mergedAway')}
          action={
            <Button onClick={() => nav.open({ kind: 'file', personId: p.mergedInto! })}>
              {t('persons.file.openKept')}
            </Button>
          }
        />
      ) : null}
      {f.limited ? (
        <LimitedFile person={p} />
      ) : (
        <Flex vertical gap={20}>
          <IdentityCard person={p} unitName={units.name(p.unitId)} />
          <Row gutter={[20, 20]}>
            <Col xs={24} xl={15}>
              <Flex vertical gap={20}>
                <MeasuresCard personId={personId} measures={f.measures} canWrite={canWrite} onChanged={changed} />
                <DeterminationsCard
                  personId={personId}
                  determinations={f.determinations}
                  canWrite={canWrite}
                  onChanged={changed}
                />
                <TestsCard personId={personId} tests={f.tests} canWrite={canWrite} onChanged={changed} />
              </Flex>
            </Col>
            <Col xs={24} xl={9}>
              <Flex vertical gap={20}>
                <TimelineCard events={f.timeline} />
                {can(Permissions.referralsRead) ? (
                  <PersonRehabCard personId={personId} name={p.fullName} canWrite={canWrite} onChanged={changed} />
                ) : null}
                {can(Permissions.casesRead) ? <PersonCasesCard personId={personId} /> : null}
                {can(Permissions.personsReadAudit) ? <ReadersCard personId={personId} version={round} /> : null}
              </Flex>
            </Col>
          </Row>
        </Flex>
      )}
      {dialog === 'print' ? (
        <PrintPreviewModal
          title={t('persons.print.title', { name: p.fullName })}
          intro={t('persons.print.intro')}
          frameTitle={t('persons.print.frameTitle')}
          print={(purpose) => api.invoke('persons.print', { personId, purpose })}
          onClose={() => setDialog(null)}
          onPrinted={() => setRound((r) => r + 1)}
        />
      ) : null}
      {dialog === 'merge' ? (
        <MergeModal
          person={p}
          onClose={() => setDialog(null)}
          onMerged={() => {
            setDialog(null);
            void message.success(t('persons.merge.done'));
            changed();
          }}
        />
      ) : null}
    </>
  );
}
