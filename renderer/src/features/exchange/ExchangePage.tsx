import { Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Permissions } from '../../../../shared/domain/roles';
import { useSignedInSession } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { ArchivePanel } from './ArchivePanel';
import { ExportWizard } from './ExportWizard';
import { HistoryPanel } from './HistoryPanel';
import { ImportWizard } from './ImportWizard';
import { PeersPanel } from './PeersPanel';
import { SharePanel } from './SharePanel';
import { StationPanel } from './StationPanel';
import './exchange.css';

/**
 * The exchange: this station's identity, its peers and their policies, the export and import wizards, the bundle
 * history and the archive keys. Administrators manage stations and keys; leaders (and administrators) move bundles.
 */
export function ExchangePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const canManage = session.permissions.includes(Permissions.exchangeManage);
  const canTransfer = session.permissions.includes(Permissions.exchangeTransfer);
  // Sharing a case: a leader, who moves bundles and reads cases.
  const canShare = canTransfer && session.permissions.includes(Permissions.casesRead);
  const [tab, setTab] = useState(canTransfer && !canManage ? 'export' : 'station');
  // Each tab is drawn afresh when chosen (destroyOnHidden): the history and status are read again then.
  const noop = () => undefined;

  const items = [
    { key: 'station', label: t('exchange.tabs.station'), children: <StationPanel canManage={canManage} /> },
    { key: 'peers', label: t('exchange.tabs.peers'), children: <PeersPanel canManage={canManage} onChanged={noop} /> },
    ...(canTransfer
      ? [
          { key: 'export', label: t('exchange.tabs.export'), children: <ExportWizard onWritten={noop} /> },
          { key: 'import', label: t('exchange.tabs.import'), children: <ImportWizard onImported={noop} /> },
        ]
      : []),
    ...(canShare ? [{ key: 'share', label: t('exchange.tabs.share'), children: <SharePanel /> }] : []),
    { key: 'history', label: t('exchange.tabs.history'), children: <HistoryPanel /> },
    { key: 'archive', label: t('exchange.tabs.archive'), children: <ArchivePanel canManage={canManage} /> },
  ];

  return (
    <>
      <PageHeader title={t('exchange.title')} description={t('exchange.description')} />
      {/* Seven tabs for a leader: a narrower gap than antd's 32 px keeps them all in view at 1024 px. */}
      <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden tabBarGutter={20} />
    </>
  );
}
