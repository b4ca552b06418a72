import {
  caseDeadline,
  caseSeverity,
  clauseOf,
  type OffenceRef,
  type Severity,
} from '../../../../../shared/domain/investigations';

/** An offence row as the form holds it (the clause is null until chosen). */
export interface OffenceDraft {
  article: string;
  clause: number | null;
}

/** The severity and the Art. 172 deadline of the offences as typed, by the rules the host applies. */
export function liveLimit(
  offences: readonly OffenceDraft[] | undefined,
  prosecutedOn: string,
  extensions: readonly { months: number }[] = [],
): { severity: Severity | null; deadline: string | null } {
  const complete = (offences ?? []).filter(
    (o): o is OffenceRef => Boolean(o.article) && o.clause !== null && Boolean(clauseOf(o.article, o.clause)),
  );
  const severity = complete.length ? caseSeverity(complete) : null;
  const deadline =
    severity && /^\d{4}-\d{2}-\d{2}$/.test(prosecutedOn) ? caseDeadline(severity, prosecutedOn, extensions) : null;
  return { severity, deadline };
}
