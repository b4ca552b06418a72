import type { CaseState, Severity, TipState } from '../../../../../shared/domain/investigations';
import { ToneTag, type Tone } from '../../persons/ToneTag';
import { useInvestigationLabels } from '../labels';

// Tones whose text keeps WCAG AA contrast on its pale background (antd's preset tags do not all).
const TIP_TONES: Record<TipState, Tone> = {
  verifying: 'blue',
  prosecuted: 'green',
  not_prosecuted: 'neutral',
  suspended: 'gold',
  transferred: 'purple',
};

const CASE_TONES: Record<CaseState, Tone> = {
  investigating: 'blue',
  recommended: 'green',
  suspended: 'gold',
  terminated: 'neutral',
  indicted: 'purple',
  tried: 'green',
  closed: 'neutral',
};

const SEVERITY_TONES: Record<Severity, Tone> = {
  less_serious: 'neutral',
  serious: 'gold',
  very_serious: 'orange',
  especially_serious: 'red',
};

export function TipStateTag({ state }: { state: TipState }) {
  const labels = useInvestigationLabels();
  return <ToneTag tone={TIP_TONES[state]}>{labels.tipState[state]}</ToneTag>;
}

export function CaseStateTag({ state }: { state: CaseState }) {
  const labels = useInvestigationLabels();
  return <ToneTag tone={CASE_TONES[state]}>{labels.caseState[state]}</ToneTag>;
}

export function SeverityTag({ severity, testId }: { severity: Severity; testId?: string }) {
  const labels = useInvestigationLabels();
  return (
    <ToneTag tone={SEVERITY_TONES[severity]} testId={testId}>
      {labels.severity[severity]}
    </ToneTag>
  );
}
