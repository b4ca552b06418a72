import type { Command } from 'commander';
import type { ConflictVersion, ConflictView } from '../../../shared/contract/conflicts';
import { formatDateVi } from '../../../shared/vault/recovery-sheet';
import { FIELD_LABELS, labelOf, RECORD_TYPE_LABELS } from '../../../shared/domain/record-labels';
import { CliUsageError } from '../io';
import type { RunCommand } from '../program';
import type { Lang } from '../runtime';

/** A file's data URL is told by its kind and size, not printed (a photo is half a megabyte of base64). */
function valueText(lang: Lang, attachment: boolean, value: unknown): string {
  if (!attachment || typeof value !== 'string') return JSON.stringify(value);
  const m = /^data:([^;,]+)(;base64)?,/.exec(value);
  const kb = Math.round(((value.length - (m?.[0].length ?? 0)) * 3) / 4 / 1024);
  const kind = m?.[1]?.startsWith('image/') ? (lang === 'vi' ? 'ảnh' : 'image') : lang === 'vi' ? 'tệp' : 'file';
  return `[${kind} ${m?.[1] ?? '?'}, ${kb} KB]`;
}

function versionText(lang: Lang, attachment: boolean, v: ConflictVersion): string {
  const who =
    v.username ??
    v.station ??
    (v.workstationId ? `${lang === 'vi' ? 'máy' : 'workstation'} ${v.workstationId.slice(0, 8)}` : '?');
  return `${valueText(lang, attachment, v.value)}  (${who}, ${formatDateVi(new Date(v.at))} ${new Date(v.at).toTimeString().slice(0, 5)})`;
}

function conflictText(lang: Lang, c: ConflictView): string {
  const vi = lang === 'vi';
  return [
    `#${c.id}  ${labelOf(RECORD_TYPE_LABELS, c.recordType, lang)}${c.title ? ` «${c.title}»` : ''} ${c.recordId} · ${labelOf(FIELD_LABELS, c.field, lang)}`,
    `    ${vi ? 'đang dùng' : 'current'}: ${versionText(lang, c.attachment, c.current)}`,
    `    ${vi ? 'giá trị kia' : 'other'}:   ${versionText(lang, c.attachment, c.other)}`,
  ].join('\n');
}

/** conflicts list|resolve: concurrent edits of one field, kept for a leader (issue: field-level merge). */
export function registerConflictCommands(program: Command, run: RunCommand): void {
  const conflicts = program
    .command('conflicts')
    .description('Xung đột khi gộp dữ liệu từ máy khác (lãnh đạo) / merge conflicts (leaders)');

  conflicts
    .command('list')
    .description('Các xung đột đang chờ xử lý / open conflicts')
    .option('--record <id>', 'chỉ một hồ sơ / one record only')
    .action(
      run(async (rt, o: { record?: string }) => {
        const list = await rt.call('conflicts.list', { ...(o.record ? { recordId: o.record } : {}), limit: 500 });
        rt.print(list, () =>
          list.length
            ? list.map((c) => conflictText(rt.lang, c)).join('\n')
            : rt.lang === 'vi'
              ? 'Không có xung đột nào.'
              : 'No open conflicts.',
        );
      }),
    );

  conflicts
    .command('resolve <id>')
    .description('Giải quyết: giữ giá trị đang dùng, lấy giá trị kia, hoặc nhập giá trị mới / resolve a conflict')
    .option('--keep-current', 'giữ giá trị đang dùng / keep the current value')
    .option('--take-other', 'lấy giá trị kia / take the other value')
    .option('--value-stdin', 'nhập giá trị mới từ dòng tiếp theo của stdin / a new value from the next stdin line')
    .action(
      run(async (rt, id: string, o: { keepCurrent?: boolean; takeOther?: boolean; valueStdin?: boolean }) => {
        const chosen = [o.keepCurrent, o.takeOther, o.valueStdin].filter(Boolean).length;
        if (chosen !== 1)
          throw new CliUsageError(
            'choose one of --keep-current, --take-other, --value-stdin',
            'chọn một trong --keep-current, --take-other, --value-stdin',
          );
        const conflictId = Number(id);
        if (!Number.isInteger(conflictId) || conflictId < 1)
          throw new CliUsageError('the conflict id is a number', 'mã xung đột là một số');
        const value = o.valueStdin
          ? await rt.input.secret(rt.lang === 'vi' ? 'Giá trị mới: ' : 'New value: ')
          : undefined;
        const r = await rt.call('conflicts.resolve', {
          conflictId,
          choice: o.keepCurrent ? 'current' : o.takeOther ? 'other' : 'value',
          ...(value !== undefined ? { value } : {}),
        });
        rt.print(r, () =>
          rt.lang === 'vi'
            ? `Đã giải quyết xung đột #${conflictId}. Hồ sơ còn ${r.remaining} xung đột.`
            : `Resolved conflict #${conflictId}. ${r.remaining} left on this record.`,
        );
      }),
    );
}
