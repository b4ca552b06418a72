import { Layout } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useApi } from '../../api/api-context';
import { useSession, useSignedInSession } from '../../app/session-context';
import { palette } from '../../app/theme';
import { AccountsPage } from '../accounts/AccountsPage';
import { AuditPage } from '../audit/AuditPage';
import { BackupPage } from '../backup/BackupPage';
import { ExchangePage } from '../exchange/ExchangePage';
import { RestoredScreenProvider, useDraftReturn, type DraftScreen } from '../drafts/draft-screen';
import { IdleCountdown } from '../drafts/IdleCountdown';
import { InvestigationsPage } from '../investigations/InvestigationsPage';
import { OverviewPage } from '../overview/OverviewPage';
import { PersonsPage } from '../persons/PersonsPage';
import { RehabPage } from '../rehab/RehabPage';
import { ReportsPage } from '../reports/ReportsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { UnitsPage } from '../units/UnitsPage';
import { WorkstationPage } from '../home/WorkstationPage';
import { OpenScreenProvider } from '../home/open-screen';
import '../home/small-screens.css';
import { AppHeader } from './AppHeader';
import { allowedNavigation, type PageKey } from './navigation';
import { SideNav } from './SideNav';
import { useIdleLock } from './useIdleLock';
import { useLockShortcut } from './useLockShortcut';

function pageContent(page: PageKey, navigate: (p: PageKey) => void): ReactNode {
  switch (page) {
    case 'overview':
      return <OverviewPage onNavigate={navigate} />;
    case 'persons':
      return <PersonsPage />;
    case 'investigations':
      return <InvestigationsPage />;
    case 'rehab':
      return <RehabPage />;
    case 'accounts':
      return <AccountsPage />;
    case 'units':
      return <UnitsPage />;
    case 'audit':
      return <AuditPage />;
    case 'backup':
      return <BackupPage />;
    case 'exchange':
      return <ExchangePage />;
    case 'settings':
      return <SettingsPage />;
    case 'workstation':
      return <WorkstationPage />;
    case 'reports':
      return <ReportsPage />;
  }
}

/** The signed-in app: sidebar, header and the current page. Mounted afresh on every sign-in. */
export function MainLayout() {
  const api = useApi();
  const session = useSignedInSession();
  const { preferences, lock } = useSession();
  const [chosen, setChosen] = useState<PageKey>('overview');
  // After an unlock, the screen of the newest draft, until the user goes elsewhere (drafts/draft-screen.tsx).
  const draftReturn = useDraftReturn();
  const page = draftReturn.screen?.page ?? chosen;
  const { leave } = draftReturn;
  // A screen inside a page opened from elsewhere (home's work queue opens a person's file): read like a draft's.
  const [target, setTarget] = useState<DraftScreen | null>(null);
  const setPage = useCallback(
    (p: PageKey) => {
      leave();
      setTarget(null);
      setChosen(p);
    },
    [leave],
  );
  const openScreen = useCallback(
    (screen: DraftScreen) => {
      leave();
      setTarget(screen);
      setChosen(screen.page);
    },
    [leave],
  );
  const [unitName, setUnitName] = useState<string | null>(null);

  const lockNow = useCallback(() => void lock('manual'), [lock]);
  const lockIdle = useCallback(() => void lock('idle'), [lock]);
  useLockShortcut(lockNow);
  const idleSecondsLeft = useIdleLock(preferences.idleMinutes, lockIdle);

  useEffect(() => {
    if (!session.unitId) return;
    let current = true;
    void api.invoke('units.list', {}).then((r) => {
      if (current && r.ok) setUnitName(r.value.find((u) => u.id === session.unitId)?.name ?? null);
    });
    return () => {
      current = false;
    };
  }, [api, session.unitId]);

  // A page the role may not use is never drawn, whatever asked for it.
  const allowed = allowedNavigation(session.permissions).some((n) => n.key === page);
  const shown: PageKey = allowed ? page : 'overview';

  return (
    // Navy behind the sidebar, so that it reaches the bottom of a long page as well as of the window.
    <Layout style={{ minHeight: '100vh', background: palette.navy }}>
      <SideNav page={shown} onNavigate={setPage} />
      <Layout>
        <AppHeader page={shown} unitName={unitName} onLock={lockNow} onNavigate={setPage} />
        <Layout.Content className="app-content">
          <RestoredScreenProvider value={draftReturn.screen ?? target}>
            <OpenScreenProvider value={openScreen}>
              {draftReturn.ready ? pageContent(shown, setPage) : null}
            </OpenScreenProvider>
          </RestoredScreenProvider>
        </Layout.Content>
      </Layout>
      <IdleCountdown secondsLeft={idleSecondsLeft} />
    </Layout>
  );
}
