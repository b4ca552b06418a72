import {
  AuditOutlined,
  BarChartOutlined,
  CloudDownloadOutlined,
  DesktopOutlined,
  ClusterOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  MedicineBoxOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Permissions, type Permission } from '../../../../shared/domain/roles';

export type PageKey =
  | 'overview'
  | 'persons'
  | 'rehab'
  | 'investigations'
  | 'reports'
  | 'accounts'
  | 'units'
  | 'audit'
  | 'backup'
  | 'exchange'
  | 'workstation'
  | 'settings';

interface NavEntry {
  key: PageKey;
  icon: ReactNode;
  /** The permission the page's procedures need (any of a list); null for pages every signed-in account may open. */
  permission: Permission | readonly Permission[] | null;
}

/**
 * The sidebar, in order. The host checks every procedure anyway; hiding what a role cannot use keeps people
 * from walking into refusals.
 */
export const NAVIGATION: readonly NavEntry[] = [
  { key: 'overview', icon: <HomeOutlined />, permission: null },
  { key: 'persons', icon: <IdcardOutlined />, permission: [Permissions.personsRead, Permissions.personsReadLimited] },
  { key: 'rehab', icon: <MedicineBoxOutlined />, permission: Permissions.referralsRead },
  { key: 'investigations', icon: <FileSearchOutlined />, permission: [Permissions.tipsRead, Permissions.casesRead] },
  { key: 'reports', icon: <BarChartOutlined />, permission: Permissions.reportsRead },
  { key: 'accounts', icon: <TeamOutlined />, permission: Permissions.accountsManage },
  { key: 'units', icon: <ClusterOutlined />, permission: Permissions.unitsManage },
  { key: 'audit', icon: <AuditOutlined />, permission: Permissions.auditRead },
  { key: 'backup', icon: <CloudDownloadOutlined />, permission: Permissions.backupCreate },
  { key: 'exchange', icon: <SwapOutlined />, permission: [Permissions.exchangeManage, Permissions.exchangeTransfer] },
  { key: 'workstation', icon: <DesktopOutlined />, permission: Permissions.vaultManage },
  { key: 'settings', icon: <SettingOutlined />, permission: null },
];

export function allowedNavigation(permissions: readonly Permission[]): NavEntry[] {
  return NAVIGATION.filter((n) => n.permission === null || [n.permission].flat().some((p) => permissions.includes(p)));
}
