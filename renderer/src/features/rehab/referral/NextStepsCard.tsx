import { App, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralDossier, StayView } from '../../../../../shared/contract/rehab-types';
import { DEFAULT_REHAB_RULES, type ReferralState, type Transition } from '../../../../../shared/domain/rehab';
import { useRehabAbilities } from '../abilities';
import { useRehabLabels } from '../labels';
import { AdmitModal } from '../roster/AdmitModal';
import { AdvanceModal } from './AdvanceModal';
import { CourtDecisionModal } from './CourtDecisionModal';

/** Steps taken on the stay rather than on the referral: admission, absconding, return, discharge. */
const STAY_STEPS: Partial<Record<ReferralState, true>> = { completed: true, absconded: true };
/** Steps off the main line, offered apart and smaller: they end or pause the matter. */
const SIDE_EXITS: Partial<Record<ReferralState, true>> = {
  died: true,
  exempted: true,
  suspended: true,
  deferred: true,
  closed: true,
  transferred: true,
};

function transitionOf(from: ReferralState, to: ReferralState): Transition | undefined {
  return DEFAULT_REHAB_RULES.transitions.find((t) => t.from === from && t.to === to);
}

/**
 * The steps the referral may take next (from the host's `next`), each confirmed in a dialog with its date.
 * Sending to court is a leader's step; the court's decision has a form of its own; admission goes through the
 * admission form. Absconding, return and discharge are recorded on the stay.
 */
export function NextStepsCard(props: {
  dossier: ReferralDossier;
  onChanged: (d: ReferralDossier) => void;
  onStayChanged: (s: StayView) => void;
}) {
  const { t } = useTranslation();
  const labels = useRehabLabels();
  const can = useRehabAbilities();
  const { message } = App.useApp();
  const [step, setStep] = useState<ReferralState | null>(null);
  const d = props.dossier;
  const r = d.referral;
  const openStay = d.stay !== null && (d.stay.status === 'in_stay' || d.stay.status === 'absconded');
  const missing = d.checklist.filter((c) => c.required && !c.done).length;
  const steps = r.next.filter((to) => !(openStay && STAY_STEPS[to]) && !(r.state === 'absconded' && to === 'admitted'));

  const done = (next: ReferralDossier) => {
    setStep(null);
    void message.success(t('rehab.advance.done', { state: labels.referralState[next.referral.state] }));
    props.onChanged(next);
  };

  if (!can.write) return null;
  const transition = step ? transitionOf(r.state, step) : undefined;
  return (
    <Card title={t('rehab.next.title')}>
      {steps.length === 0 ? (
        <Typography.Text type="secondary">
          {openStay && (r.state === 'admitted' || r.state === 'absconded')
            ? t('rehab.next.onStay')
            : t('rehab.next.none')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={16}>
          {[steps.filter((to) => !SIDE_EXITS[to]), steps.filter((to) => SIDE_EXITS[to])].map((group, g) =>
            group.length ? (
              <Flex key={g} vertical gap={6}>
                {g === 1 ? <Typography.Text type="secondary">{t('rehab.next.other')}</Typography.Text> : null}
                <Flex gap={8} wrap className="rehab-next-steps">
                  {group.map((to) => {
                    const tr = transitionOf(r.state, to);
                    const leaderOnly = Boolean(tr?.leaderOnly) && !can.lead;
                    const blocked = Boolean(tr?.checklistComplete) && missing > 0;
                    return (
                      <Button
                        key={to}
                        type={g === 0 ? 'primary' : 'default'}
                        danger={to === 'died'}
                        size={g === 0 ? 'middle' : 'small'}
                        disabled={leaderOnly || blocked}
                        onClick={() => setStep(to)}
                      >
                        {t(`rehab.next.to.${to}`, { defaultValue: labels.referralState[to] })}
                      </Button>
                    );
                  })}
                </Flex>
                {g === 0 && group.some((to) => transitionOf(r.state, to)?.leaderOnly) && !can.lead ? (
                  <Typography.Text type="secondary" className="rehab-small">
                    {t('rehab.next.leaderOnly')}
                  </Typography.Text>
                ) : null}
                {g === 0 && group.some((to) => transitionOf(r.state, to)?.checklistComplete) && missing > 0 ? (
                  <Typography.Text type="secondary" className="rehab-small">
                    {t('rehab.next.checklistFirst', { count: missing })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ) : null,
          )}
        </Flex>
      )}
      {step === 'decided' ? <CourtDecisionModal dossier={d} onClose={() => setStep(null)} onDone={done} /> : null}
      {step === 'admitted' && !openStay ? (
        <AdmitModal
          referralId={r.id}
          name={d.person.fullName}
          facilityId={r.facilityId}
          notBefore={r.stateOn}
          onClose={() => setStep(null)}
          onDone={(s) => {
            setStep(null);
            void message.success(t('rehab.admit.done'));
            props.onStayChanged(s);
          }}
        />
      ) : null}
      {step && step !== 'decided' && !(step === 'admitted' && !openStay) ? (
        <AdvanceModal
          dossier={d}
          to={step}
          needs={transition?.needs ?? []}
          onClose={() => setStep(null)}
          onDone={done}
        />
      ) : null}
    </Card>
  );
}
