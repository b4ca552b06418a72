import { Tabs } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useRestoredView } from '../drafts/draft-screen';
import {
  RehabNavigationContext,
  RehabScreenActiveContext,
  type RehabNavigation,
  type RehabTab,
  type RehabView,
} from './rehab-navigation';
import { useRehabAbilities } from './abilities';
import { ReferralBoard } from './board/ReferralBoard';
import { FacilitiesTab } from './facilities/FacilitiesTab';
import { HandoverList } from './handover/HandoverList';
import { ReferralDossierPage } from './referral/ReferralDossierPage';
import { FacilityRoster } from './roster/FacilityRoster';
import { StayPage } from './roster/StayPage';
import './rehab.css';

interface StackEntry {
  key: number;
  view: RehabView;
  scrollY: number;
}

function RehabHome() {
  const { t } = useTranslation();
  const can = useRehabAbilities();
  const tabs: { key: RehabTab; show: boolean; children: ReactNode }[] = [
    { key: 'board', show: true, children: <ReferralBoard /> },
    { key: 'roster', show: can.roster, children: <FacilityRoster /> },
    { key: 'handovers', show: can.handovers, children: <HandoverList /> },
    { key: 'facilities', show: true, children: <FacilitiesTab /> },
  ];
  const shown = tabs.filter((x) => x.show);
  const [tab, setTab] = useState<RehabTab>(can.roster && !can.handovers ? 'roster' : 'board');
  return (
    <>
      <PageHeader title={t('rehab.title')} description={t('rehab.description')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as RehabTab)}
        destroyOnHidden
        items={shown.map((x) => ({ key: x.key, label: t(`rehab.tabs.${x.key}`), children: x.children }))}
      />
    </>
  );
}

function screenOf(view: RehabView): ReactNode {
  switch (view.kind) {
    case 'home':
      return <RehabHome />;
    case 'referral':
      return <ReferralDossierPage referralId={view.referralId} />;
    case 'stay':
      return <StayPage stayId={view.stayId} />;
  }
}

/**
 * Rehabilitation: the referral board, a facility's roster, the post-rehab hand-over list and the facilities,
 * with dossiers and stays opened on top of them as a stack (the board keeps its filters underneath).
 */
export function RehabPage() {
  const counter = useRef(1);
  // A referral or stay opened from elsewhere (a report's drill-down): shown over the home screen.
  const restored = useRestoredView<RehabView>('rehab');
  const [stack, setStack] = useState<StackEntry[]>(() => [
    { key: 0, view: { kind: 'home' }, scrollY: 0 },
    ...(restored && restored.kind !== 'home' ? [{ key: -1, view: restored, scrollY: 0 }] : []),
  ]);
  const [version, setVersion] = useState(0);

  const open = useCallback((view: RehabView) => {
    const scrollY = window.scrollY;
    setStack((s) => [
      ...s.slice(0, -1),
      { ...s[s.length - 1]!, scrollY },
      { key: counter.current++, view, scrollY: 0 },
    ]);
    window.scrollTo(0, 0);
  }, []);

  const back = useCallback(() => {
    setStack((s) => {
      if (s.length === 1) return s;
      const below = s[s.length - 2]!;
      requestAnimationFrame(() => window.scrollTo(0, below.scrollY));
      return s.slice(0, -1);
    });
  }, []);

  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const navigation = useMemo<RehabNavigation>(() => ({ open, back, changed, version }), [open, back, changed, version]);

  return (
    <RehabNavigationContext.Provider value={navigation}>
      {stack.map((entry, i) => (
        <div key={entry.key} hidden={i !== stack.length - 1}>
          <RehabScreenActiveContext.Provider value={i === stack.length - 1}>
            {screenOf(entry.view)}
          </RehabScreenActiveContext.Provider>
        </div>
      ))}
    </RehabNavigationContext.Provider>
  );
}
