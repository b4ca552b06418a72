import { Tag } from 'antd';
import type { ReactNode } from 'react';

/**
 * Tags in a few tones with text dark enough for WCAG AA on their pale backgrounds: antd's preset orange
 * and gold tags fall below 4.5:1.
 */
const TONES = {
  neutral: { color: '#374151', background: '#f3f4f6', borderColor: '#d1d5db' },
  orange: { color: '#9a3412', background: '#fff7ed', borderColor: '#fed7aa' },
  gold: { color: '#854d0e', background: '#fefce8', borderColor: '#fde68a' },
  red: { color: '#b91c1c', background: '#fef2f2', borderColor: '#fecaca' },
  purple: { color: '#6b21a8', background: '#faf5ff', borderColor: '#e9d5ff' },
  blue: { color: '#1e40af', background: '#eff6ff', borderColor: '#bfdbfe' },
  green: { color: '#166534', background: '#f0fdf4', borderColor: '#bbf7d0' },
} as const;
export type Tone = keyof typeof TONES;

export function ToneTag({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <Tag style={{ ...TONES[tone], marginInlineEnd: 0 }} data-testid={testId}>
      {children}
    </Tag>
  );
}
