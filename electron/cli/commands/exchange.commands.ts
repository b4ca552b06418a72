import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { BundleImported, PeerView } from '../../../shared/contract/exchange';
import { CliUsageError } from '../io';
import type { RunCommand } from '../program';
import { CliApiError, type CliRuntime, type Lang } from '../runtime';

/**
 * The exchange (issue 12): `station show|card`, `peer add|list|suspend|resume|replace-keys|share-case`, `archive add|list`,
 * `bundle export|import|status`. Files are read and written here; the procedures hold every rule.
 */
const num = (n: number) => n.toLocaleString('vi-VN');

function readFileArg(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliUsageError(`cannot read ${path.basename(file)}`, `không đọc được ${path.basename(file)}`);
  }
}

/** A peer named by its station id or its unit code. */
async function resolvePeer(rt: CliRuntime, ref: string): Promise<PeerView> {
  const peers = await rt.call('peers.list', {});
  const hit = peers.find((p) => p.id === ref) ?? peers.filter((p) => p.unitCode === ref);
  if (Array.isArray(hit)) {
    if (hit.length === 1) return hit[0]!;
    throw new CliUsageError(
      hit.length ? `several peers have unit code ${ref}: use the id` : `no peer ${ref}`,
      hit.length ? `nhiều trạm có mã đơn vị ${ref}: hãy dùng mã trạm` : `không có trạm ${ref}`,
    );
  }
  return hit;
}

function peerLine(lang: Lang, p: PeerView): string {
  const vi = lang === 'vi';
  const status = p.status === 'active' ? (vi ? 'hoạt động' : 'active') : vi ? 'tạm ngừng' : 'suspended';
  return `${p.id}  ${p.unitCode}  ${p.name}  [${p.kind}, ${p.policy.name}, ${status}]  ${p.fingerprint}`;
}

function importText(lang: Lang, r: BundleImported): string {
  const vi = lang === 'vi';
  const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
  const lines = [
    vi
      ? `${r.preview ? 'Xem trước' : 'Đã nhập'} gói số ${r.seq} từ ${r.peerName}: ${num(total)} thay đổi.`
      : `${r.preview ? 'Preview of' : 'Imported'} bundle ${r.seq} from ${r.peerName}: ${num(total)} changes.`,
    vi
      ? `  Hồ sơ mới: ${num(r.newRecords)} · cập nhật: ${num(r.updatedRecords)} · xung đột mới: ${num(r.conflicts)} · bị từ chối: ${num(r.refused.length)}`
      : `  New records: ${num(r.newRecords)} · updated: ${num(r.updatedRecords)} · new conflicts: ${num(r.conflicts)} · refused: ${num(r.refused.length)}`,
  ];
  if (r.closedConflicts)
    lines.push(
      vi
        ? `  Xung đột đã được giải quyết ở trạm kia, nay khép lại ở đây: ${num(r.closedConflicts)}`
        : `  Conflicts resolved at the other station, now closed here: ${num(r.closedConflicts)}`,
    );
  for (const f of r.refused.slice(0, 50))
    lines.push(
      `  ${vi ? 'từ chối' : 'refused'}: ${f.tableName} ${f.recordId} (${
        f.reason === 'family'
          ? vi
            ? 'loại hồ sơ không được phép nhận từ đối tác này'
            : 'record family not accepted from this peer'
          : vi
            ? 'ngoài phạm vi của đối tác này'
            : 'outside this peer’s scope'
      })`,
    );
  if (r.refused.length > 50) lines.push(`  … ${num(r.refused.length - 50)}`);
  if (r.acknowledged !== null)
    lines.push(
      vi
        ? `  Đối tác xác nhận đã nhận các gói đến số ${r.acknowledged}.`
        : `  The peer acknowledged bundles up to ${r.acknowledged}.`,
    );
  if (!r.preview)
    lines.push(
      vi
        ? '  Để gửi xác nhận lại, hãy xuất một gói cho đối tác này (hoso bundle export).'
        : '  To acknowledge, export a bundle to this peer (hoso bundle export).',
    );
  return lines.join('\n');
}

export function registerExchangeCommands(program: Command, run: RunCommand): void {
  const station = program.command('station').description('Định danh máy trạm / this station’s identity');
  station
    .command('show')
    .description('Mã máy, mã xác nhận, khóa nhận age / station id, fingerprint, age recipient')
    .action(
      run(async (rt) => {
        const v = await rt.call('station.show', {});
        rt.print({ id: v.id, name: v.name, fingerprint: v.fingerprint, ageRecipient: v.ageRecipient }, () =>
          [
            `${rt.lang === 'vi' ? 'Máy' : 'Station'}: ${v.name} (${v.id})`,
            `${rt.lang === 'vi' ? 'Mã xác nhận (đọc cho đơn vị kia qua điện thoại)' : 'Fingerprint (read it out by phone)'}: ${v.fingerprint}`,
            `age: ${v.ageRecipient}`,
          ].join('\n'),
        );
      }),
    );
  station
    .command('set-unit <code>')
    .description('Đơn vị mà máy này phục vụ (thẻ máy, phạm vi mặc định) / the unit this station serves')
    .action(
      run(async (rt, code: string) => {
        const v = await rt.call('station.setUnit', { unitId: (await rt.unitByCode(code)).id });
        rt.print({ id: v.id, unit: v.unit, fingerprint: v.fingerprint }, () =>
          rt.lang === 'vi' ? `Máy này phục vụ ${v.name}.` : `This station serves ${v.name}.`,
        );
      }),
    );
  station
    .command('card')
    .description('Ghi thẻ máy (khóa công khai) ra tệp / write the public station card to a file')
    .requiredOption('--out <file>', 'tệp thẻ máy / card file')
    .option(
      '--facility <id>',
      'thẻ gửi cơ sở cai nghiện này (cơ sở lấy mã cơ sở từ thẻ) / the card for this rehab centre (it takes its facility from the card)',
    )
    .action(
      run(async (rt, o: { out: string; facility?: string }) => {
        const folder = fs.existsSync(o.out) && fs.statSync(o.out).isDirectory();
        // A card already written is not overwritten (an administrator may have handed it on): say so, like the
        // report exports, before anything is asked of the vault.
        const exists = (file: string) => {
          if (fs.existsSync(file)) throw new CliUsageError(`${file} already exists`, `${file} đã có, không ghi đè`);
        };
        if (!folder) exists(o.out);
        const r = await rt.call('station.card', o.facility ? { facilityId: o.facility } : {});
        const target = folder ? path.join(o.out, r.fileName) : o.out;
        exists(target);
        fs.writeFileSync(target, r.card, { flag: 'wx' });
        rt.print({ file: target }, () => (rt.lang === 'vi' ? `Đã ghi thẻ máy: ${target}` : `Card written: ${target}`));
      }),
    );

  const peer = program.command('peer').description('Đối tác trao đổi dữ liệu / exchange peers');
  peer
    .command('add <card>')
    .description('Thêm đối tác từ thẻ máy, sau khi đối chiếu mã xác nhận / add a peer from its card')
    .requiredOption('--kind <kind>', 'hub|commune|rehab|province|partner')
    .requiredOption('--policy <name>', 'commune-to-hub|hub-to-commune|police-to-rehab|rehab-to-police|neighbour')
    .requiredOption('--fingerprint <code>', 'mã xác nhận đơn vị kia đọc cho bạn / the code the peer read out')
    .option('--facility <id>', 'cơ sở cai nghiện (chính sách rehab) / the facility, for the rehab policies')
    .action(
      run(async (rt, file: string, o: { kind: string; policy: string; fingerprint: string; facility?: string }) => {
        const p = await rt.call('peers.add', {
          card: readFileArg(file),
          kind: o.kind as PeerView['kind'],
          policy: o.policy as 'neighbour',
          fingerprint: o.fingerprint,
          ...(o.facility ? { facilityId: o.facility } : {}),
        });
        rt.print(p, () => `${rt.lang === 'vi' ? 'Đã thêm đối tác' : 'Peer added'}: ${peerLine(rt.lang, p)}`);
      }),
    );
  peer
    .command('list')
    .description('Danh sách đối tác / list peers')
    .action(
      run(async (rt) => {
        const list = await rt.call('peers.list', {});
        rt.print(list, () =>
          list.length
            ? list.map((p) => peerLine(rt.lang, p)).join('\n')
            : rt.lang === 'vi'
              ? 'Chưa có đối tác nào.'
              : 'No peers.',
        );
      }),
    );
  for (const [cmd, proc, vi, en] of [
    ['suspend', 'peers.suspend', 'Tạm ngừng trao đổi với đối tác', 'suspend a peer'],
    ['resume', 'peers.resume', 'Cho trao đổi lại với đối tác', 'resume a peer'],
  ] as const) {
    peer
      .command(`${cmd} <peer>`)
      .description(`${vi} / ${en}`)
      .action(
        run(async (rt, ref: string) => {
          const p = await rt.call(proc, { peerId: (await resolvePeer(rt, ref)).id });
          rt.print(p, () => peerLine(rt.lang, p));
        }),
      );
  }
  peer
    .command('replace-keys <peer> <card>')
    .description('Thay khóa của đối tác bằng thẻ máy mới / replace a peer’s keys from its new card')
    .requiredOption('--fingerprint <code>', 'mã xác nhận của thẻ mới / the new card’s fingerprint')
    .action(
      run(async (rt, ref: string, file: string, o: { fingerprint: string }) => {
        const p = await rt.call('peers.replaceKeys', {
          peerId: (await resolvePeer(rt, ref)).id,
          card: readFileArg(file),
          fingerprint: o.fingerprint,
        });
        rt.print(p, () => `${rt.lang === 'vi' ? 'Đã thay khóa' : 'Keys replaced'}: ${peerLine(rt.lang, p)}`);
      }),
    );

  peer
    .command('share-case <peer> <caseId>')
    .description(
      'Chọn (hoặc bỏ, với --withdraw) vụ án gửi tỉnh bạn để điều tra phối hợp / select a case’s extract for a neighbouring province',
    )
    .option('--withdraw', 'bỏ chọn vụ án / withdraw the case')
    .option('--purpose <text>', 'mục đích chia sẻ (ghi nhật ký) / purpose (audited)')
    .action(
      run(async (rt, ref: string, caseId: string, o: { withdraw?: boolean; purpose?: string }) => {
        const p = await rt.call('peers.shareCase', {
          peerId: (await resolvePeer(rt, ref)).id,
          caseId,
          shared: !o.withdraw,
          ...(o.purpose ? { purpose: o.purpose } : {}),
        });
        const n = p.policy.send.scope.kind === 'cases' ? p.policy.send.scope.ids.length : 0;
        rt.print(p, () =>
          rt.lang === 'vi'
            ? `${p.name}: ${num(n)} vụ án được chọn để gửi.`
            : `${p.name}: ${num(n)} case(s) selected to send.`,
        );
      }),
    );

  const archive = program.command('archive').description('Khóa lưu trữ age / archive recipients');
  archive
    .command('add <recipient>')
    .description('Mọi gói dữ liệu cũng được mã hóa cho khóa này / every bundle is also encrypted to it')
    .option('--label <text>', 'ghi chú / label')
    .action(
      run(async (rt, recipient: string, o: { label?: string }) => {
        const r = await rt.call('archive.add', { recipient, ...(o.label ? { label: o.label } : {}) });
        rt.print(r, () => `${rt.lang === 'vi' ? 'Đã thêm khóa lưu trữ' : 'Archive recipient added'}: ${r.recipient}`);
      }),
    );
  archive
    .command('list')
    .description('Danh sách khóa lưu trữ / list archive recipients')
    .action(
      run(async (rt) => {
        const list = await rt.call('archive.list', {});
        rt.print(list, () => list.map((a) => `${a.recipient}  ${a.label}`).join('\n') || '—');
      }),
    );

  const bundle = program.command('bundle').description('Gói dữ liệu trao đổi qua USB / exchange bundles');
  bundle
    .command('export')
    .description('Ghi gói dữ liệu cho một đối tác / write a bundle for a peer')
    .option('--peer <peer>', 'mã máy hoặc mã đơn vị của đối tác / the peer’s id or unit code')
    .option('--to <peer>', '= --peer')
    .requiredOption('--out <path>', 'thư mục (hoặc tệp) để ghi / folder (or file) to write')
    .requiredOption('--purpose <text>', 'lý do gửi / purpose')
    .action(
      run(async (rt, o: { peer?: string; to?: string; out: string; purpose: string }) => {
        const ref = o.peer ?? o.to;
        if (!ref) throw new CliUsageError('--peer is required', 'cần --peer');
        const p = await resolvePeer(rt, ref);
        const r = await rt.call('bundles.export', { peerId: p.id, out: path.resolve(o.out), purpose: o.purpose });
        rt.print(r, () =>
          rt.lang === 'vi'
            ? `Đã ghi gói số ${r.seq} cho ${p.name}: ${num(r.changes)} thay đổi → ${r.file}`
            : `Wrote bundle ${r.seq} for ${p.name}: ${num(r.changes)} changes → ${r.file}`,
        );
      }),
    );
  bundle
    .command('import <file>')
    .description('Kiểm tra rồi nhập gói dữ liệu / verify, then import a bundle')
    .option('--preview', 'chỉ xem trước, không ghi gì / preview only, change nothing')
    .option('--progress', 'in tiến độ ra stderr / print progress to stderr')
    .action(
      run(async (rt, file: string, o: { preview?: boolean; progress?: boolean }) => {
        let r: BundleImported;
        // The apply's progress (after verification), one line per step: "Đang nhập: 5.000 / 40.000 thay đổi (12 %)".
        const stop = o.progress
          ? rt.host.on('call.progress', ({ procedure, done, total }) => {
              if (procedure !== 'bundles.import') return;
              const pct = total ? Math.floor((done * 100) / total) : 100;
              process.stderr.write(
                `${rt.lang === 'vi' ? 'Đang nhập' : 'Importing'}: ${num(done)} / ${num(total)} ${
                  rt.lang === 'vi' ? 'thay đổi' : 'changes'
                } (${pct} %)\n`,
              );
            })
          : () => undefined;
        try {
          r = await rt.call('bundles.import', { path: path.resolve(file), preview: Boolean(o.preview) });
        } catch (e) {
          // The numbers, in words, before the code's message: which bundle replaced it, which ones are missing.
          if (e instanceof CliApiError && !rt.opts.json) {
            const vi = rt.lang === 'vi';
            const { supersededBy, missing } = e.error;
            if (supersededBy)
              process.stderr.write(
                vi
                  ? `Gói này đã được thay bằng gói số ${supersededBy} (đã nhập), không cần nhập.\n`
                  : `This bundle was replaced by bundle ${supersededBy} (imported): no need to import it.\n`,
              );
            if (missing?.length)
              process.stderr.write(
                vi
                  ? `Cần nhập trước các gói số: ${missing.join(', ')}.\n`
                  : `Import first the bundles numbered: ${missing.join(', ')}.\n`,
              );
          }
          throw e;
        } finally {
          stop();
        }
        rt.print(r, () => importText(rt.lang, r));
      }),
    );
  bundle
    .command('status')
    .description('Tình trạng trao đổi theo từng đối tác / per-peer exchange status')
    .action(
      run(async (rt) => {
        const list = await rt.call('bundles.status', {});
        const vi = rt.lang === 'vi';
        rt.print(
          list,
          () =>
            list
              .map(
                (s) =>
                  `${s.name}: ${vi ? 'đã gửi' : 'sent'} ${s.lastSent}, ${vi ? 'đã xác nhận' : 'acknowledged'} ${s.lastAcknowledged}, ${vi ? 'chờ xác nhận' : 'outstanding'} ${s.outstanding}, ${vi ? 'đã nhận' : 'received'} ${s.lastReceived}` +
                  (s.superseded.length
                    ? `, ${vi ? 'được thay bằng gói sau (thất lạc)' : 'superseded by a later bundle (lost)'} ${s.superseded.join(', ')}`
                    : ''),
              )
              .join('\n') || (vi ? 'Chưa có đối tác nào.' : 'No peers.'),
        );
      }),
    );
  bundle
    .command('audit')
    .description('Nhật ký hoạt động đối tác gửi kèm, đang lưu ở máy này / audit entries peers sent along, kept here')
    .option('--peer <peer>', 'mã máy hoặc mã đơn vị của đối tác / the peer’s id or unit code')
    .action(
      run(async (rt, o: { peer?: string }) => {
        const peerId = o.peer ? (await resolvePeer(rt, o.peer)).id : undefined;
        const list = await rt.call('bundles.auditTrail', peerId ? { peerId } : {});
        const vi = rt.lang === 'vi';
        rt.print(
          list,
          () =>
            list
              .map((t) =>
                vi
                  ? `${t.name}: ${num(t.count)} mục (số ${t.first}–${t.head.seq}), mục cuối ${t.head.hash.slice(0, 16)}…, nhận lúc ${t.receivedAt}`
                  : `${t.name}: ${num(t.count)} entries (${t.first}–${t.head.seq}), head ${t.head.hash.slice(0, 16)}…, received ${t.receivedAt}`,
              )
              .join('\n') || (vi ? 'Chưa nhận nhật ký nào.' : 'No audit entries received.'),
        );
      }),
    );
}
