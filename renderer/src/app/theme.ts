import type { ThemeConfig } from 'antd';

/** A sober back-office palette: deep navy navigation, one blue for actions, a gold accent for the emblem. */
export const palette = Object.freeze({
  navy: '#0d2546',
  navyLight: '#16355f',
  blue: '#0b57a4',
  gold: '#c9a227',
  page: '#f3f5f9',
  text: '#1f2937',
  muted: '#545d6b',
});

export const theme: ThemeConfig = {
  token: {
    colorPrimary: palette.blue,
    colorInfo: palette.blue,
    colorText: palette.text,
    // antd's default greys (45 % black) fall below WCAG AA contrast on white; these stay above 4.5:1.
    colorTextSecondary: palette.muted,
    colorTextTertiary: palette.muted,
    colorTextDescription: palette.muted,
    colorTextPlaceholder: '#6b7280',
    // Darker status colours for readable text; their pale backgrounds are given, not derived (derived ones go grey).
    colorError: '#c41d1d',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffccc7',
    colorWarning: '#b45309',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorSuccess: '#237804',
    colorSuccessBg: '#f3faef',
    colorSuccessBorder: '#b7eb8f',
    colorInfoBg: '#eef5fc',
    colorInfoBorder: '#b9d3ee',
    colorBgLayout: palette.page,
    borderRadius: 6,
    fontFamily: "'Noto Sans', 'Segoe UI', system-ui, sans-serif",
    fontSize: 14,
  },
  components: {
    Layout: { siderBg: palette.navy, headerBg: '#ffffff', headerHeight: 60, headerPadding: '0 24px' },
    Menu: {
      darkItemBg: palette.navy,
      darkSubMenuItemBg: palette.navy,
      darkItemSelectedBg: palette.blue,
      darkItemColor: '#d5deea',
      darkItemHoverColor: '#ffffff',
      itemHeight: 44,
    },
    Table: { headerBg: '#eef2f8', headerColor: palette.text },
    Card: { headerFontSize: 16 },
  },
};
