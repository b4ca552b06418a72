/**
 * The printable recovery sheet (A4, Vietnamese and English). Shared so that the CLI and the renderer print
 * the very same page. The key is the only secret on it; nothing personal is.
 */
export interface RecoverySheetInput {
  recoveryKey: string;
  workstationId: string;
  adminUsername: string;
  createdAt: Date;
  /** A key issued later by `vault.rotateRecovery`: the sheet names the administrator who issued it. */
  reissued?: boolean;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function formatDateVi(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

export const RECOVERY_SHEET_CSS = `
.hoso-sheet { font-family: "Noto Serif", "Times New Roman", serif; color: #000; max-width: 180mm; margin: 0 auto; }
.hoso-sheet h1 { font-size: 18pt; margin: 0 0 2mm; }
.hoso-sheet h2 { font-size: 11pt; font-weight: normal; margin: 0 0 8mm; color: #333; }
.hoso-sheet .key { font-family: "DejaVu Sans Mono", "Courier New", monospace; font-size: 15pt; letter-spacing: 0.5pt;
  border: 2px solid #000; padding: 6mm 2mm; text-align: center; margin: 6mm 0; white-space: nowrap; }
.hoso-sheet table { border-collapse: collapse; width: 100%; font-size: 10.5pt; margin-bottom: 6mm; }
.hoso-sheet td { border: 1px solid #888; padding: 2mm 3mm; vertical-align: top; }
.hoso-sheet ol { font-size: 10.5pt; line-height: 1.5; }
.hoso-sheet .en { color: #444; font-style: italic; }
.hoso-sheet .sign { margin-top: 14mm; display: flex; justify-content: space-between; font-size: 10.5pt; }
@page { size: A4; margin: 18mm; }
`;

export function recoverySheetBody(i: RecoverySheetInput): string {
  const key = esc(i.recoveryKey);
  return `<div class="hoso-sheet">
<h1>Khóa khôi phục HoSo <span class="en">/ HoSo recovery key</span></h1>
<h2>MẬT — Giữ tờ này ở nơi an toàn, tách khỏi máy trạm. <span class="en">CONFIDENTIAL — keep this sheet in a safe place, apart from the workstation.</span></h2>
<table>
<tr><td>Mã máy trạm <span class="en">/ Workstation ID</span></td><td>${esc(i.workstationId)}</td></tr>
<tr><td>Ngày tạo <span class="en">/ Created</span></td><td>${esc(formatDateVi(i.createdAt))}</td></tr>
<tr><td>${i.reissued ? 'Quản trị viên cấp khóa <span class="en">/ Issued by administrator</span>' : 'Quản trị viên đầu tiên <span class="en">/ First administrator</span>'}</td><td>${esc(i.adminUsername)}</td></tr>
</table>
<div class="key">${key}</div>
<ol>
<li>Khóa này mở được toàn bộ dữ liệu trên máy trạm khi quên mật khẩu quản trị. <span class="en">This key opens all data on the workstation when the administrator password is lost.</span></li>
<li>Không chụp ảnh, không lưu vào máy tính, điện thoại hay USB. <span class="en">Do not photograph it or store it on a computer, phone or USB stick.</span></li>
<li>Khi dùng: màn hình Mở khóa → "Khôi phục bằng khóa khôi phục", hoặc lệnh <code>hoso recover</code>. <span class="en">To use: Unlock screen → "Recover with the recovery key", or the <code>hoso recover</code> command.</span></li>
<li>Khóa chỉ hiển thị một lần. Nếu mất tờ này, hãy cấp khóa mới (lệnh <code>hoso recovery rotate</code>): khóa cũ hết hiệu lực ngay. <span class="en">The key is shown only once. If this sheet is lost, issue a new key (<code>hoso recovery rotate</code>): the old one stops working at once.</span></li>
</ol>
<div class="sign"><span>Người lập <span class="en">/ Prepared by</span></span><span>Người giữ <span class="en">/ Custodian</span></span></div>
</div>`;
}

export function recoverySheetHtml(i: RecoverySheetInput): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>HoSo — khóa khôi phục</title>
<style>${RECOVERY_SHEET_CSS}</style></head><body>${recoverySheetBody(i)}</body></html>`;
}
