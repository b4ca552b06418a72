import { palette } from '../app/theme';

/** The HoSo emblem: a dossier with a seal. Drawn inline, so that nothing is fetched. */
export function BrandMark({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill={palette.blue} />
      <path d="M18 14h20l10 10v26a2 2 0 0 1-2 2H18a2 2 0 0 1-2-2V16a2 2 0 0 1 2-2z" fill="#fff" />
      <path d="M38 14v10h10" fill="#c9d6ea" />
      <path d="M22 32h20M22 39h20M22 46h12" stroke={palette.blue} strokeWidth="3" strokeLinecap="round" />
      <circle cx="46" cy="46" r="9" fill={palette.gold} />
      <path
        d="M42 46l3 3 5-6"
        stroke={palette.navy}
        strokeWidth="2.5"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
