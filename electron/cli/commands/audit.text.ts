import type { AuditCheckpoint, AuditProblem, AuditVerification, ReanchorResult } from '../../../shared/contract';
import { formatDateVi } from '../../../shared/vault/recovery-sheet';
import type { Lang } from '../runtime';

/** What the audit commands say, in the chosen language (HOSO_LANG); the problem's English message is not shown. */
const problemText: Record<Lang, Record<AuditProblem['kind'], (p: AuditProblem) => string>> = {
  vi: {
    edited: (p) => `mục ${p.seq} đã bị sửa`,
    missing: (p) => `mục ${p.seq} bị mất`,
    reordered: (p) => `mục ở vị trí ${p.seq} bị chuyển từ vị trí ${p.from ?? '?'}`,
    truncated: (p) => `các mục từ ${p.from ?? p.seq} đến ${p.to ?? '?'} bị xóa khỏi cuối nhật ký`,
    head_mismatch: (p) => `mục ${p.seq} khác với mốc đã ghi trong tệp khóa`,
    head_invalid: () => 'mốc nhật ký trong tệp khóa không hợp lệ (sai mã xác thực)',
    checkpoint_missing: (p) => `nhật ký không còn mục ${p.seq} như mã mốc đã ghi`,
  },
  en: {
    edited: (p) => `entry ${p.seq} was altered`,
    missing: (p) => `entry ${p.seq} is missing`,
    reordered: (p) => `entry at ${p.seq} was moved from position ${p.from ?? '?'}`,
    truncated: (p) => `entries ${p.from ?? p.seq} to ${p.to ?? '?'} were removed from the end`,
    head_mismatch: (p) => `entry ${p.seq} differs from the head recorded in the vault file`,
    head_invalid: () => 'the audit head in the vault file fails its MAC',
    checkpoint_missing: (p) => `the log no longer holds entry ${p.seq} as the checkpoint recorded it`,
  },
};

export function verificationText(v: AuditVerification, lang: Lang, checkpoint?: string): string {
  const vi = lang === 'vi';
  const lines: string[] = [];
  if (v.ok) lines.push(vi ? `Nhật ký toàn vẹn: ${v.entries} mục.` : `Audit log intact: ${v.entries} entries.`);
  else {
    lines.push(vi ? 'NHẬT KÝ BỊ CAN THIỆP:' : 'AUDIT LOG TAMPERED:');
    for (const p of v.problems) lines.push(`  #${p.seq} ${problemText[lang][p.kind](p)}`);
  }
  if (checkpoint && v.checkpoint?.found) {
    lines.push(
      vi ? `Mã mốc ${checkpoint.trim()}: vẫn có trong nhật ký.` : `Checkpoint ${checkpoint.trim()}: still in the log.`,
    );
  }
  return lines.join('\n');
}

function dateTime(iso: string): string {
  const d = new Date(iso);
  return `${formatDateVi(d)} ${d.toTimeString().slice(0, 5)}`;
}

export function checkpointText(c: AuditCheckpoint, lang: Lang): string {
  return lang === 'vi'
    ? [
        `Mã mốc nhật ký: ${c.code}`,
        `Ngày lấy mã:    ${dateTime(c.at)}`,
        `Máy trạm:       ${c.workstationId}`,
        '',
        'Ghi mã và ngày vào sổ theo dõi (giấy). Kiểm tra lại bất cứ lúc nào:',
        `    hoso audit verify --checkpoint ${c.code}`,
      ].join('\n')
    : [
        `Audit checkpoint: ${c.code}`,
        `Taken:            ${dateTime(c.at)}`,
        `Workstation:      ${c.workstationId}`,
        '',
        'Write the code and date into the paper register. Check it at any time with:',
        `    hoso audit verify --checkpoint ${c.code}`,
      ].join('\n');
}

const reanchorProblem: Record<Lang, Record<NonNullable<ReanchorResult['problem']>, string>> = {
  vi: {
    head_invalid: 'mốc nhật ký trong tệp khóa bị thiếu hoặc bị sửa',
    db_behind: 'cơ sở dữ liệu cũ hơn tệp khóa (các mục nhật ký mới hơn đã mất)',
    history_differs: 'cơ sở dữ liệu mang một lịch sử khác với tệp khóa',
    vault_older: 'tệp khóa cũ hơn cơ sở dữ liệu',
  },
  en: {
    head_invalid: 'the audit head in the vault file is missing or altered',
    db_behind: 'the database is older than the vault file (newer audit entries are gone)',
    history_differs: 'the database holds another history than the vault file names',
    vault_older: 'the vault file is older than the database',
  },
};

export function reanchorText(r: ReanchorResult, lang: Lang): string {
  const vi = lang === 'vi';
  if (!r.problem) {
    return vi
      ? 'Không có gì cần làm: tệp khóa và cơ sở dữ liệu khớp nhau.'
      : 'Nothing to do: the vault file and the database belong together.';
  }
  const what = reanchorProblem[lang][r.problem];
  if (!r.changed) {
    return vi
      ? `Phát hiện: ${what}.\nKiểm tra các tệp và bản sao lưu trước. Để chấp nhận dữ liệu như hiện có (một cảnh báo được ghi vào nhật ký), chạy lại lệnh với --confirm.`
      : `Found: ${what}.\nCheck the files and backups first. To accept the data as it is (an alert is written to the audit log), run the command again with --confirm.`;
  }
  return vi
    ? `Đã ghi cảnh báo toàn vẹn vào nhật ký (${what}) và neo lại tệp khóa với cơ sở dữ liệu (mục ${r.headSeq}, thế hệ ${r.generation}). Có thể đăng nhập lại.`
    : `Integrity alert written to the audit log (${what}); vault file and database anchored again (entry ${r.headSeq}, generation ${r.generation}). You can sign in again.`;
}
