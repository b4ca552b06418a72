import { describe, expect, it } from 'vitest';
import type { PersonFile } from '../../shared/contract/person-types';
import {
  EducationLevels,
  educationLevelLabels,
  ETHNICITIES,
  occupationLabels,
  Occupations,
} from '../../shared/domain/ethnicities';
import {
  DeterminationResults,
  MeasureKinds,
  MeasureStatuses,
  PersonCategories,
  Sexes,
  Substances,
  TestMethods,
  TestResults,
} from '../../shared/domain/persons';
import { personLabels } from '../../shared/i18n/person-labels';
import { dossierHtml } from '../../shared/persons/dossier';
import {
  dataTable,
  html,
  labelRows,
  officialDateWords,
  officialDocumentHtml,
  section,
} from '../../shared/print/official-document';

/** The text a reader sees: tags dropped (the style sheet too), entities decoded, spaces collapsed. */
function visibleText(doc: string): string {
  return doc
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of every table cell (th and td), decoded. */
function cells(doc: string): string[] {
  return [...doc.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => visibleText(m[1] ?? ''));
}

const sample = {
  agency: { parent: 'Công an tỉnh Tuyên Quang', unit: 'Phòng Cảnh sát điều tra tội phạm về ma túy' },
  number: '12/BC-PC04',
  placeName: 'Tuyên Quang',
  date: '2026-12-03',
  confidential: true,
  title: 'Báo cáo',
  subtitle: 'Kết quả rà soát người sử dụng trái phép chất ma túy',
  purpose: 'Phục vụ họp giao ban',
  bodyHtml: html`<p>Nội dung</p>`,
  signers: [{ title: 'Người lập', name: 'Nguyễn Thị Lan' }, { title: 'Lãnh đạo duyệt' }],
  recipients: ['Lãnh đạo Công an tỉnh', 'Lưu: VT, PC04'],
} as const;

describe('the Decree 30/2020/NĐ-CP document frame', () => {
  it('has every part, in the decree’s places', () => {
    const doc = officialDocumentHtml(sample);
    const text = visibleText(doc);
    // Two-level agency header in capitals, the unit in bold, then the number.
    expect(doc).toMatch(/<div class="parent">CÔNG AN TỈNH TUYÊN QUANG<\/div>/);
    expect(doc).toMatch(/<div class="unit">PHÒNG CẢNH SÁT ĐIỀU TRA TỘI PHẠM VỀ MA TÚY<\/div>/);
    expect(doc).toMatch(/\.od-agency \.unit \{[^}]*font-weight: bold/);
    expect(text).toContain('Số: 12/BC-PC04');
    // National motto and the place-and-date line under it.
    expect(text).toContain(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Tuyên Quang, ngày 03 tháng 12 năm 2026',
    );
    // The confidentiality mark sits in the left block, right under "Số: …" (ô số 10a), before the motto.
    const agencyBlock = doc.slice(doc.indexOf('class="od-agency"'), doc.indexOf('class="od-motto"'));
    expect(agencyBlock.indexOf('Số: 12/BC-PC04')).toBeGreaterThan(0);
    expect(agencyBlock.indexOf('data-part="confidential">MẬT<')).toBeGreaterThan(agencyBlock.indexOf('Số:'));
    // Title, summary, purpose typed at print time, body.
    expect(text).toContain(
      'BÁO CÁO Kết quả rà soát người sử dụng trái phép chất ma túy Mục đích: Phục vụ họp giao ban Nội dung',
    );
    // Page numbers "Trang n/N" on every page, drawn by the print engine.
    expect(doc).toContain('@bottom-right { content: "Trang " counter(page) "/" counter(pages);');
    expect(doc).toContain('size: A4 portrait');
    // Signature block left to right, then Nơi nhận.
    expect(text).toMatch(/NGƯỜI LẬP \(Ký, ghi rõ họ tên\) Nguyễn Thị Lan LÃNH ĐẠO DUYỆT \(Ký, ghi rõ họ tên\)/);
    expect(text).toContain('Nơi nhận: Lãnh đạo Công an tỉnh Lưu: VT, PC04');
    expect(text.indexOf('LÃNH ĐẠO DUYỆT')).toBeLessThan(text.indexOf('Nơi nhận'));
  });

  it('writes the date with a leading zero on days 1–9 and months 1–2 only', () => {
    expect(officialDateWords('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(officialDateWords('2026-01-31')).toBe('ngày 31 tháng 01 năm 2026');
    expect(officialDateWords('2026-03-09')).toBe('ngày 09 tháng 3 năm 2026');
    expect(officialDateWords('2026-11-24')).toBe('ngày 24 tháng 11 năm 2026');
  });

  it('prints no mark when not confidential, the degree when given, and dots for a number or place not known', () => {
    const open = officialDocumentHtml({ ...sample, confidential: false, number: '', placeName: '' });
    expect(open).not.toContain('data-part="confidential"');
    expect(visibleText(open)).toContain('Số: ………… CỘNG HÒA');
    expect(visibleText(open)).toContain('…………, ngày 03 tháng 12 năm 2026');
    expect(officialDocumentHtml({ ...sample, confidential: 'toi_mat' })).toContain('data-part="confidential">TỐI MẬT<');
  });

  it('escapes every value, in the frame and in the helpers', () => {
    const evil = '<img src=x onerror=alert(1)>&"\'';
    const doc = officialDocumentHtml({
      ...sample,
      agency: { parent: evil, unit: evil },
      number: evil,
      placeName: evil,
      title: evil,
      subtitle: evil,
      purpose: evil,
      signers: [{ title: evil, name: evil }],
      recipients: [evil],
      bodyHtml: html`${section(evil, labelRows([[evil, evil]]))}${dataTable({ columns: [evil], rows: [[evil]] })}`,
    });
    expect(doc).not.toMatch(/<img/i);
    expect(doc.match(/&#60;img src=x onerror=alert\(1\)&#62;/g)?.length).toBeGreaterThanOrEqual(12);
    // A plain string is never taken as markup, even when passed where Html goes.
    expect(html`${'<b>'}`.markup).toBe('&#60;b&#62;');
  });
});

// ---- the person dossier on the frame: labels, never codes ----

const CODE_TABLES: Record<string, readonly string[]> = {
  sex: Object.values(Sexes),
  category: Object.values(PersonCategories),
  measureKind: Object.values(MeasureKinds),
  measureStatus: Object.values(MeasureStatuses),
  testMethod: Object.values(TestMethods),
  testResult: Object.values(TestResults),
  determinationResult: Object.values(DeterminationResults),
  substance: Object.values(Substances),
  education: Object.values(EducationLevels),
  occupation: Object.values(Occupations),
  ethnicity: ETHNICITIES.map((e) => e.code),
};

/** Every Vietnamese label of those tables: the texts that may appear where a code is stored. */
const VI_LABELS: string[] = [
  ...Object.values(personLabels.vi).flatMap((t: Record<string, string>) => Object.values(t)),
  ...Object.values(educationLevelLabels).map((l) => l.vi),
  ...Object.values(occupationLabels).map((l) => l.vi),
  ...ETHNICITIES.map((e) => e.name),
].sort((a, b) => b.length - a.length);

const at = (i: number, list: readonly string[]) => list[i % list.length] as never;

/** Enough files that every value of every enum is printed at least once. */
function filesCoveringEveryCode(): PersonFile[] {
  const n = Math.max(...Object.values(CODE_TABLES).map((t) => t.length));
  return Array.from({ length: n }, (_, i) => ({
    limited: false,
    timeline: [],
    person: {
      id: `p${i}`,
      fullName: 'Lò Văn Páo',
      sex: at(i, CODE_TABLES.sex!),
      birthDate: '1990-05-12',
      citizenId: '008090001234',
      category: at(i, CODE_TABLES.category!),
      provinceCode: '08',
      communeCode: null,
      unitId: null,
      updatedAt: '2026-12-01T00:00:00Z',
      otherNames: [],
      citizenIdOverrideReason: null,
      citizenIdWarnings: [],
      ethnicity: at(i, CODE_TABLES.ethnicity!),
      education: at(i, CODE_TABLES.education!),
      occupation: at(i, CODE_TABLES.occupation!),
      familyContact: null,
      permanentAddress: null,
      currentAddress: null,
      substances: [at(i, CODE_TABLES.substance!), at(i + 1, CODE_TABLES.substance!)],
      firstUseDate: '2015',
      hasPhoto: false,
      lastContactAt: null,
      mergedInto: null,
      createdAt: '2026-01-01T00:00:00Z',
    },
    measures: [
      {
        id: `m${i}`,
        personId: `p${i}`,
        kind: at(i, CODE_TABLES.measureKind!),
        decisionNumber: '15/QĐ-UBND',
        decisionDate: '2026-02-01',
        authority: 'UBND xã Minh Xuân',
        officer: null,
        startDate: '2026-02-02',
        endDate: '2027-02-01',
        status: at(i, CODE_TABLES.measureStatus!),
        notes: null,
        checkIns: [],
        createdAt: '2026-02-02T00:00:00Z',
        updatedAt: '2026-02-02T00:00:00Z',
      },
    ],
    tests: [
      {
        id: `t${i}`,
        personId: `p${i}`,
        date: '2026-03-04',
        method: at(i, CODE_TABLES.testMethod!),
        result: at(i, CODE_TABLES.testResult!),
        substances: [at(i + 2, CODE_TABLES.substance!)],
        notes: null,
        createdAt: '2026-03-04T00:00:00Z',
      },
    ],
    determinations: [
      {
        id: `d${i}`,
        personId: `p${i}`,
        requestedDate: '2026-03-05',
        facility: 'Trung tâm Y tế',
        resultDate: null,
        result: at(i, CODE_TABLES.determinationResult!),
        formRef: null,
        registrationDeadline: null,
        registeredAt: null,
        createdAt: '2026-03-05T00:00:00Z',
      },
    ],
  }));
}

const meta = {
  printedAt: new Date('2026-12-03T03:00:00Z'),
  printedBy: 'Nguyễn Thị Lan',
  unit: { name: 'Phòng PC04', provinceCode: '08' },
  purpose: 'Phục vụ họp giao ban',
};

describe('the printed person dossier', () => {
  const printed = filesCoveringEveryCode().map((f) => dossierHtml(f, meta));

  it('prints no raw code of any enum of the person labels', () => {
    const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const doc of printed) {
      // 1. No cell holds a code, alone or in a list ("02", "lower_secondary", "heroin, cannabis").
      for (const cell of cells(doc)) {
        for (const part of cell.split(/,\s*/)) {
          for (const [table, codes] of Object.entries(CODE_TABLES)) {
            expect(codes, `${table} code printed as "${cell}"`).not.toContain(part.trim());
          }
        }
      }
      // 2. With every label taken out, no code is left anywhere in the text (labels may contain a code's word,
      //    as "Người điều trị thay thế (methadone)" does; a code next to them would still be caught).
      let rest = visibleText(doc);
      for (const label of VI_LABELS) rest = rest.split(label).join(' ');
      for (const [table, codes] of Object.entries(CODE_TABLES)) {
        if (table === 'ethnicity') continue; // two digits: covered cell by cell above (dates have digits too)
        for (const code of codes) {
          expect(rest, `${table} code ${code}`).not.toMatch(
            new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRe(code)}(?![\\p{L}\\p{N}_])`, 'u'),
          );
        }
      }
    }
  });

  it('prints the label of every value, from the same tables as the screen', () => {
    const all = printed.map(visibleText).join('\n');
    const rows = printed.flatMap(cells);
    for (const e of ETHNICITIES) expect(rows).toContain(e.name);
    for (const l of Object.values(educationLevelLabels)) expect(rows).toContain(l.vi);
    for (const l of Object.values(occupationLabels)) expect(rows).toContain(l.vi);
    for (const table of Object.values(personLabels.vi)) {
      for (const label of Object.values(table as Record<string, string>)) expect(all).toContain(label);
    }
    // The example: ethnicity "02", education "lower_secondary", occupation "farmer".
    const tay = printed.find((d) => cells(d).includes('Tày'))!;
    expect(cells(tay)).toEqual(expect.arrayContaining(['Dân tộc', 'Tày']));
    expect(rows).toEqual(expect.arrayContaining(['Trung học cơ sở', 'Làm nông, lâm, ngư nghiệp']));
  });

  it('is a Decree 30 document of the printing unit, with the purpose typed and both signers', () => {
    const text = visibleText(printed[0]!);
    expect(text).toMatch(/^CÔNG AN TỈNH TUYÊN QUANG PHÒNG PC04 Số: …………/);
    expect(printed[0]).toContain('data-part="confidential">MẬT<');
    expect(text).toContain(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Tuyên Quang, ngày 03 tháng 12 năm 2026',
    );
    expect(text).toContain('HỒ SƠ QUẢN LÝ NGƯỜI SỬ DỤNG TRÁI PHÉP CHẤT MA TÚY, NGƯỜI NGHIỆN MA TÚY');
    expect(text).toContain('Mục đích: Phục vụ họp giao ban');
    expect(text).toMatch(/NGƯỜI LẬP \(Ký, ghi rõ họ tên\) Nguyễn Thị Lan LÃNH ĐẠO DUYỆT/);
    expect(printed[0]).toContain('counter(page) "/" counter(pages)');
    // Dates and the CCCD never break across lines.
    expect(printed[0]).toContain('<span class="nowrap">008090001234</span>');
    expect(printed[0]).toContain('<span class="nowrap">12/05/1990</span>');
  });

  it('gives the Vietnamese day: 20:00 UTC is already the next day', () => {
    const late = dossierHtml(filesCoveringEveryCode()[0]!, { ...meta, printedAt: new Date('2026-11-23T20:00:00Z') });
    expect(visibleText(late)).toContain('Tuyên Quang, ngày 24 tháng 11 năm 2026');
  });
});
