import type { TFunction } from 'i18next';
import type { ExchangePolicy, PolicyScope } from '../../../../shared/contract/exchange';
import { commune, province } from '../../../../shared/places';

/** A table of the change log in words ("Hồ sơ đối tượng"); an unknown table keeps its name. */
export function tableLabel(t: TFunction, table: string): string {
  return t(`exchange.tables.${table}`, { defaultValue: table });
}

/** Bytes as a person reads a file's size: KiB or MiB with Vietnamese separators. */
export function formatBytes(bytes: number, language: string): string {
  const n = new Intl.NumberFormat(language === 'en' ? 'en' : 'vi', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${n.format(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${n.format(bytes / 1024)} KiB`;
  return `${n.format(bytes)} B`;
}

export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en' : 'vi').format(n);
}

function scopeText(t: TFunction, scope: PolicyScope, facilityName: (id: string) => string | null): string {
  switch (scope.kind) {
    case 'all':
      return t('exchange.scope.all');
    case 'none':
      return t('exchange.scope.none');
    case 'province':
      return t('exchange.scope.province', { name: province(scope.code)?.name ?? scope.code });
    case 'commune': {
      const c = commune(scope.code);
      const p = c ? province(c.provinceCode) : undefined;
      return t('exchange.scope.commune', { name: c ? `${c.name}${p ? `, ${p.name}` : ''}` : scope.code });
    }
    case 'facility': {
      const name = facilityName(scope.id);
      return name ? t('exchange.scope.facility', { name }) : t('exchange.scope.facilityUnknown');
    }
    default: {
      // A neighbour's extract names the cases a leader selected ({ kind: 'cases', ids }).
      const ids = (scope as { ids?: unknown }).ids;
      return t('exchange.scope.cases', { count: Array.isArray(ids) ? ids.length : 0 });
    }
  }
}

/** One direction of a policy in words: "hồ sơ đối tượng, hồ sơ cai nghiện — thuộc Xã A, Tuyên Quang". */
export function policySide(
  t: TFunction,
  side: ExchangePolicy['send'],
  facilityName: (id: string) => string | null = () => null,
): string {
  if (!side.families.length || side.scope.kind === 'none') return t('exchange.policy.nothing');
  const families = side.families.map((f) => t(`exchange.families.${f}`)).join(', ');
  return t('exchange.policy.line', { families, scope: scopeText(t, side.scope, facilityName) });
}

/** A fingerprint as four groups, for reading aloud ("7K2M Q9XD 4HTP B8WN"). */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.replace(/[^0-9A-Z]/gi, '').match(/.{1,4}/g) ?? [fingerprint];
}
