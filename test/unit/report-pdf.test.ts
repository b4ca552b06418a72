import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IndicatorResult, KpiReport } from '../../shared/contract/reports';
import { indicator } from '../../shared/domain/indicators';
import { toPdf } from '../../electron/reports/report.pdf';

/** A report of one indicator, the drug-free communes' rate, for a year. */
function report(year: number, numerator: number): KpiReport {
  const def = indicator('drugFreeCommuneRate')!;
  const value = Math.round((numerator / 124) * 1000) / 10;
  const i: IndicatorResult = {
    id: def.id,
    label: def.label,
    unit: def.unit,
    direction: def.direction,
    source: def.source,
    status: 'ok',
    value,
    numerator,
    denominator: 124,
    target: 20,
    delta: Math.round((value - 20) * 10) / 10,
    meets: value >= 20,
  };
  return {
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
    area: { provinceCode: '08', communeCode: null, name: 'Tỉnh Tuyên Quang' },
    plan: { id: 'p', title: `Chỉ tiêu xây dựng xã, phường không ma túy năm ${year}`, decisionNumber: '1/KH-UBND' },
    indicators: [i],
  };
}

function text(bytes: Buffer): { text: string; fonts: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-pdf-'));
  try {
    const file = path.join(dir, 'r.pdf');
    fs.writeFileSync(file, bytes);
    return {
      text: spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout,
      fonts: spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the A4 PDF report', () => {
  it('parses its fonts once per process: a second document is whole, with its own text and embedded subset', async () => {
    const first = text(await toPdf(report(2024, 20), [], new Date('2025-01-05T03:00:00Z')));
    const second = text(await toPdf(report(2025, 35), [], new Date('2026-01-05T03:00:00Z')));
    expect(first.text).toContain('Kỳ báo cáo: từ ngày 01/01/2024 đến ngày 31/12/2024');
    expect(first.text).toMatch(
      /Tỷ lệ xã, phường được công nhận không ma\s+túy\s+16,1 %\s+20 \/ 124\s+20 %\s+−3,9 điểm/,
    );
    expect(second.text).toContain('Kỳ báo cáo: từ ngày 01/01/2025 đến ngày 31/12/2025');
    expect(second.text).toContain('Chỉ tiêu xây dựng xã, phường không ma túy năm 2025');
    expect(second.text).toMatch(
      /Tỷ lệ xã, phường được công nhận không ma\s+túy\s+28,2 %\s+35 \/ 124\s+20 %\s+\+8,2 điểm/,
    );
    // Nothing of the first document in the second; the letters read back as printed (no "tịêu" from ccmp).
    expect(second.text).not.toContain('2024');
    expect(second.text).not.toContain('tịêu');
    for (const r of [first, second]) expect(r.fonts).toMatch(/NotoSans-Regular/);
  });
});
