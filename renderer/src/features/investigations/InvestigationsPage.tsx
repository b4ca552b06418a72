import { Segmented } from 'antd';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Permissions } from '../../../../shared/domain/roles';
import { useSignedInSession } from '../../app/session-context';
import { useRestoredView } from '../drafts/draft-screen';
import { CaseFilePage } from './cases/CaseFilePage';
import { CaseFormPage } from './cases/CaseFormPage';
import { CasesListPage } from './cases/CasesListPage';
import { DeadlinesBoard } from './deadlines/DeadlinesBoard';
import { HotspotFilePage } from './hotspots/HotspotFilePage';
import { HotspotsPage } from './hotspots/HotspotsPage';
import {
  InvestigationScreenActive,
  InvestigationsNavigationContext,
  type InvestigationsNavigation,
  type InvestigationsTab,
  type InvestigationsView,
} from './investigations-navigation';
import './investigations.css';
import { TipFilePage } from './tips/TipFilePage';
import { TipFormPage } from './tips/TipFormPage';
import { TipsRegisterPage } from './tips/TipsRegisterPage';

interface StackEntry {
  key: number;
  view: InvestigationsView;
  scrollY: number;
}

function screenOf(view: InvestigationsView): ReactNode {
  switch (view.kind) {
    case 'tipCreate':
      return <TipFormPage tipId={null} />;
    case 'tipEdit':
      return <TipFormPage tipId={view.tipId} />;
    case 'tip':
      return <TipFilePage tipId={view.tipId} />;
    case 'caseCreate':
      return <CaseFormPage fromTip={view.fromTip} />;
    case 'caseEdit':
      return <CaseFormPage fromTip={null} caseId={view.caseId} />;
    case 'case':
      return <CaseFilePage caseId={view.caseId} />;
    case 'hotspot':
      return <HotspotFilePage hotspotId={view.hotspotId} />;
  }
}

function listOf(tab: InvestigationsTab): ReactNode {
  switch (tab) {
    case 'tips':
      return <TipsRegisterPage />;
    case 'cases':
      return <CasesListPage />;
    case 'hotspots':
      return <HotspotsPage />;
    case 'deadlines':
      return <DeadlinesBoard />;
  }
}

/**
 * Investigations (Điều tra): the tip register, cases, hot spots and the deadlines board as tabs, with the
 * records opened from them as a stack of screens over the list, which stays mounted (its filters and scroll
 * kept). Commune officers hold tips.read without cases.read: they get tips, hot spots and the board's tips,
 * never a case screen (the host refuses case procedures to them anyway).
 */
export function InvestigationsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const canCases = session.permissions.includes(Permissions.casesRead);
  const canTips = session.permissions.includes(Permissions.tipsRead);
  const tabs = useMemo(
    () =>
      (['deadlines', 'tips', 'cases', 'hotspots'] as const).filter((k) =>
        k === 'cases' ? canCases : k === 'deadlines' ? canTips || canCases : canTips,
      ),
    [canCases, canTips],
  );
  // A record opened from elsewhere (a report's drill-down) or a draft's screen after an unlock: shown on top.
  const restored = useRestoredView<InvestigationsView>('investigations');
  const [tab, setTab] = useState<InvestigationsTab>(
    restored?.kind === 'case' ? 'cases' : restored?.kind === 'hotspot' ? 'hotspots' : canTips ? 'tips' : 'cases',
  );
  const counter = useRef(1);
  const [stack, setStack] = useState<StackEntry[]>(() => (restored ? [{ key: 0, view: restored, scrollY: 0 }] : []));
  const [listScroll, setListScroll] = useState(0);
  const [version, setVersion] = useState(0);

  const open = useCallback((view: InvestigationsView) => {
    const scrollY = window.scrollY;
    setStack((s) => {
      if (s.length === 0) setListScroll(scrollY);
      const below = s.length ? [...s.slice(0, -1), { ...s[s.length - 1]!, scrollY }] : [];
      return [...below, { key: counter.current++, view, scrollY: 0 }];
    });
    window.scrollTo(0, 0);
  }, []);

  const replace = useCallback((view: InvestigationsView) => {
    setStack((s) => [...s.slice(0, -1), { key: counter.current++, view, scrollY: 0 }]);
    window.scrollTo(0, 0);
  }, []);

  const back = useCallback(() => {
    setStack((s) => {
      if (s.length === 0) return s;
      const y = s.length >= 2 ? s[s.length - 2]!.scrollY : listScroll;
      requestAnimationFrame(() => window.scrollTo(0, y));
      return s.slice(0, -1);
    });
  }, [listScroll]);

  const showTab = useCallback((next: InvestigationsTab) => {
    setStack([]);
    setTab(next);
    window.scrollTo(0, 0);
  }, []);

  const changed = useCallback(() => setVersion((v) => v + 1), []);

  const navigation = useMemo<InvestigationsNavigation>(
    () => ({ open, replace, back, showTab, changed, version }),
    [open, replace, back, showTab, changed, version],
  );
  const shownTab: InvestigationsTab = tabs.includes(tab as never) ? tab : tabs[0]!;

  return (
    <InvestigationsNavigationContext.Provider value={navigation}>
      <div hidden={stack.length > 0}>
        <nav aria-label={t('investigations.tabs.label')} className="inv-tabs">
          <Segmented
            value={shownTab}
            onChange={(v) => showTab(v)}
            options={tabs.map((k) => ({ value: k, label: t(`investigations.tabs.${k}`) }))}
          />
        </nav>
        <InvestigationScreenActive.Provider value={stack.length === 0}>
          <div key={shownTab}>{listOf(shownTab)}</div>
        </InvestigationScreenActive.Provider>
      </div>
      {stack.map((entry, i) => (
        <div key={entry.key} hidden={i !== stack.length - 1}>
          <InvestigationScreenActive.Provider value={i === stack.length - 1}>
            {screenOf(entry.view)}
          </InvestigationScreenActive.Provider>
        </div>
      ))}
    </InvestigationsNavigationContext.Provider>
  );
}
