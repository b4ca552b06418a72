import { Tag } from 'antd';
import type { CaseState, TipState } from '../../../../../shared/domain/investigations';
import { useInvestigationLabels } from '../labels';

const TIP_COLORS: Record<TipState, string> = {
  verifying: 'processing',
  prosecuted: 'green',
  not_prosecuted: 'default',
  suspended: 'warning',
  transferred: 'purple',
};

const CASE_COLORS: Record<CaseState, string> = {
  investigating: 'processing',
  recommended: 'green',
  suspended: 'warning',
  terminated: 'default',
  indicted: 'cyan',
  tried: 'geekblue',
  closed: 'default',
};

export function TipStateTag({ state }: { state: TipState }) {
  const labels = useInvestigationLabels();
  return <Tag color={TIP_COLORS[state]}>{labels.tipState[state]}</Tag>;
}

export function CaseStateTag({ state }: { state: CaseState }) {
  const labels = useInvestigationLabels();
  return <Tag color={CASE_COLORS[state]}>{labels.caseState[state]}</Tag>;
}
