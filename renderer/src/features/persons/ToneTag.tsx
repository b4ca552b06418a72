import type { ReactNode } from 'react';

/**
 * A tag in one of a few tones whose text stays above WCAG AA contrast on its pale background (antd's
 * preset orange and gold tags fall below 4.5:1). A plain span: the results table draws one per row while
 * scrolling, and antd's Tag costs a style hook per instance.
 */
export type Tone = 'neutral' | 'orange' | 'gold' | 'red' | 'purple' | 'blue' | 'green';

export function ToneTag({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span className={`persons-tag persons-tag-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}
