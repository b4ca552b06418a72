import type { ErrorCode } from '../domain/errors';

/** What each stable error code says to a person, in both languages. Used by the renderer and the CLI. */
export const errorMessages: Record<'vi' | 'en', Record<ErrorCode, string>> = {
  vi: {
    INVALID_INPUT: 'Dữ liệu nhập chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.',
    UNKNOWN_PROCEDURE: 'Thao tác không được hỗ trợ.',
    VAULT_NOT_FOUND: 'Chưa có kho dữ liệu trên máy này. Hãy khởi tạo trước.',
    VAULT_EXISTS: 'Máy này đã có kho dữ liệu.',
    VAULT_TAMPERED: 'Tệp khóa của kho dữ liệu đã bị thay đổi trái phép. Liên hệ quản trị viên.',
    LOCKED: 'Phiên làm việc đã khóa. Vui lòng đăng nhập lại.',
    ALREADY_UNLOCKED: 'Kho dữ liệu đang mở.',
    AUTH_FAILED: 'Tên tài khoản hoặc mật khẩu không đúng.',
    AUTH_THROTTLED: 'Đăng nhập sai quá nhiều lần. Vui lòng chờ rồi thử lại.',
    RECOVERY_FAILED: 'Khóa khôi phục không đúng.',
    WEAK_PASSWORD: 'Mật khẩu mới không đạt yêu cầu.',
    FORBIDDEN: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
    PASSWORD_CHANGE_REQUIRED: 'Bạn cần đổi mật khẩu được cấp trước khi làm việc khác.',
    NOT_FOUND: 'Không tìm thấy bản ghi.',
    CONFLICT: 'Thao tác xung đột với dữ liệu hiện có.',
    USERNAME_TAKEN: 'Tên tài khoản đã được sử dụng.',
    LAST_ADMIN: 'Không thể vô hiệu hóa hoặc đổi vai trò của quản trị viên cuối cùng.',
    LAST_LEADER:
      'Không thể vô hiệu hóa hoặc đổi vai trò của lãnh đạo cuối cùng: cần có lãnh đạo để duyệt việc cấp quyền.',
    SELF_ROLE_CHANGE: 'Không ai được tự đổi vai trò của chính mình.',
    GRANT_NEEDS_OWN_PASSWORD:
      'Chưa duyệt được: chủ tài khoản phải đăng nhập và tự đặt mật khẩu của mình trước (quản trị viên biết mật khẩu tạm).',
    ROLE_PENDING_APPROVAL: 'Vai trò của bạn đang chờ lãnh đạo duyệt; sau khi được duyệt, hãy đăng nhập lại.',
    LEADER_AVAILABLE:
      'Đang có lãnh đạo duyệt được yêu cầu này; khóa khôi phục chỉ dùng khi không còn lãnh đạo nào có quyền duyệt.',
    ACCOUNT_DISABLED: 'Tài khoản đã bị vô hiệu hóa.',
    BACKUP_INVALID: 'Tệp sao lưu không hợp lệ hoặc đã bị hỏng. Dữ liệu hiện tại không bị thay đổi.',
    DUPLICATE_CITIZEN_ID: 'Số định danh này đã có trong hồ sơ khác.',
    NEEDS_CONFIRMATION: 'Cần xác nhận trước khi lưu: kiểm tra các cảnh báo.',
    IO_ERROR: 'Không đọc/ghi được tệp. Kiểm tra đường dẫn và quyền truy cập.',
    DATA_DIR_IN_USE:
      'Dữ liệu này đang được một chương trình HoSo khác mở (ứng dụng hoặc một lệnh hoso). Hãy đóng chương trình đó rồi thử lại. Chưa có gì bị thay đổi.',
    VAULT_HEAD_INVALID:
      'Không mở dữ liệu: mốc nhật ký kiểm toán trong tệp khóa (vault.json) bị thiếu hoặc bị sửa. Quản trị viên cần kiểm tra các tệp dữ liệu rồi chạy lệnh “hoso audit reanchor”.',
    DB_ROLLED_BACK:
      'Không mở dữ liệu: cơ sở dữ liệu (hoso.db) cũ hơn tệp khóa, có thể đã bị thay bằng một bản sao cũ làm mất các bản ghi mới hơn. Quản trị viên cần kiểm tra, khôi phục đúng bản sao lưu, hoặc chạy “hoso audit reanchor” để chấp nhận (một cảnh báo được ghi vào nhật ký).',
    VAULT_DB_MISMATCH:
      'Không mở dữ liệu: tệp khóa (vault.json) và cơ sở dữ liệu (hoso.db) không khớp nhau, một trong hai có thể đã bị thay bằng bản cũ. Quản trị viên cần kiểm tra rồi chạy lệnh “hoso audit reanchor”.',
    CHECKPOINT_INVALID: 'Mã mốc nhật ký không đúng định dạng (ví dụ: 1234-ABCD-EFGH-JKLM-NPQR).',
    BUNDLE_INVALID:
      'Gói dữ liệu bị hỏng hoặc đã bị sửa (chữ ký, mã băm hoặc cấu trúc không đúng). Không có gì được ghi vào dữ liệu.',
    BUNDLE_NOT_FOR_US: 'Gói dữ liệu này dành cho một máy khác, không phải máy này. Không có gì được ghi vào dữ liệu.',
    BUNDLE_UNKNOWN_SENDER:
      'Gói dữ liệu đến từ một máy chưa được đăng ký làm đối tác. Không có gì được ghi vào dữ liệu.',
    BUNDLE_SENDER_SUSPENDED: 'Máy gửi gói dữ liệu này đang bị tạm ngừng trao đổi. Không có gì được ghi vào dữ liệu.',
    BUNDLE_ALREADY_APPLIED: 'Gói dữ liệu này đã được nhập trước đây. Không có gì thay đổi.',
    BUNDLE_REPLAYED:
      'Gói dữ liệu này trùng số thứ tự với một gói đã nhập nhưng nội dung khác (có thể bị phát lại hoặc giả mạo). Không có gì được ghi vào dữ liệu.',
    BUNDLE_GAP:
      'Còn thiếu gói dữ liệu trước đó từ máy này: hãy nhập các gói còn thiếu trước. Không có gì được ghi vào dữ liệu.',
    BUNDLE_TOO_LARGE: 'Gói dữ liệu vượt quá giới hạn cho phép. Không có gì được ghi vào dữ liệu.',
    BUNDLE_AUDIT_FORK:
      'Nhật ký hoạt động của máy gửi không nối tiếp nhật ký đã nhận trước đây (lịch sử có thể đã bị viết lại). Không có gì được ghi vào dữ liệu; hãy báo cho quản trị viên.',
    BUNDLE_SUPERSEDED:
      'Gói dữ liệu này đã được thay bằng một gói mới hơn từ cùng máy, đã nhập và chứa mọi thay đổi của nó: không cần nhập. Không có gì thay đổi.',
    PEER_CARD_INVALID: 'Tệp thẻ máy không hợp lệ.',
    FINGERPRINT_MISMATCH:
      'Mã xác nhận vừa nhập không khớp với thẻ máy. Hãy gọi lại cho đơn vị kia để đọc lại mã; không thêm đối tác này.',
    INTERNAL: 'Đã xảy ra lỗi nội bộ. Dữ liệu không bị thay đổi.',
  },
  en: {
    INVALID_INPUT: 'Some input is not valid. Please check the highlighted fields.',
    UNKNOWN_PROCEDURE: 'This operation is not supported.',
    VAULT_NOT_FOUND: 'There is no vault on this workstation yet. Set it up first.',
    VAULT_EXISTS: 'This workstation already has a vault.',
    VAULT_TAMPERED: 'The vault key file has been altered. Contact your administrator.',
    LOCKED: 'The session is locked. Please sign in again.',
    ALREADY_UNLOCKED: 'The vault is already open.',
    AUTH_FAILED: 'Wrong account name or password.',
    AUTH_THROTTLED: 'Too many failed sign-ins. Please wait and try again.',
    RECOVERY_FAILED: 'The recovery key is not correct.',
    WEAK_PASSWORD: 'The new password does not meet the requirements.',
    FORBIDDEN: 'Your account is not allowed to do this.',
    PASSWORD_CHANGE_REQUIRED: 'Change the password you were given before doing anything else.',
    NOT_FOUND: 'Record not found.',
    CONFLICT: 'This conflicts with existing data.',
    USERNAME_TAKEN: 'That account name is already taken.',
    LAST_ADMIN: 'The last administrator cannot be disabled or given another role.',
    LAST_LEADER: 'The last leader cannot be disabled or given another role: a leader must approve role grants.',
    SELF_ROLE_CHANGE: 'No one can change their own role.',
    GRANT_NEEDS_OWN_PASSWORD:
      'Not yet: the account holder must sign in and set their own password first (the administrator knows the temporary one).',
    ROLE_PENDING_APPROVAL: 'Your role awaits a leader’s approval; sign in again once it is approved.',
    LEADER_AVAILABLE:
      'A leader can approve this request; the recovery key is only for when no leader is left to approve.',
    ACCOUNT_DISABLED: 'The account is disabled.',
    BACKUP_INVALID: 'The backup file is invalid or damaged. Current data was not changed.',
    DUPLICATE_CITIZEN_ID: 'This ID number is already on another file.',
    NEEDS_CONFIRMATION: 'Please confirm before saving: check the warnings.',
    IO_ERROR: 'The file cannot be read or written. Check the path and permissions.',
    DATA_DIR_IN_USE:
      'This data is open in another HoSo program (the app or a hoso command). Close it and try again. Nothing was changed.',
    VAULT_HEAD_INVALID:
      'Not opened: the audit head in the vault file (vault.json) is missing or has been altered. An administrator must check the data files, then run “hoso audit reanchor”.',
    DB_ROLLED_BACK:
      'Not opened: the database (hoso.db) is older than the vault file; it may have been replaced by an older copy, losing newer records. An administrator must check, restore the right backup, or run “hoso audit reanchor” to accept it (an alert is written to the audit log).',
    VAULT_DB_MISMATCH:
      'Not opened: the vault file (vault.json) and the database (hoso.db) do not belong together; one of them may have been replaced by an older copy. An administrator must check, then run “hoso audit reanchor”.',
    CHECKPOINT_INVALID: 'The checkpoint code is not in the expected form (e.g. 1234-ABCD-EFGH-JKLM-NPQR).',
    BUNDLE_INVALID:
      'The bundle is damaged or was altered (signature, hash or structure does not check out). Nothing was written.',
    BUNDLE_NOT_FOR_US: 'This bundle is for another workstation, not this one. Nothing was written.',
    BUNDLE_UNKNOWN_SENDER: 'The bundle comes from a workstation that is not a registered peer. Nothing was written.',
    BUNDLE_SENDER_SUSPENDED: 'The workstation that sent this bundle is suspended. Nothing was written.',
    BUNDLE_ALREADY_APPLIED: 'This bundle was imported before. Nothing changed.',
    BUNDLE_REPLAYED:
      'This bundle reuses the number of one already imported with different contents (replayed or forged). Nothing was written.',
    BUNDLE_GAP: 'An earlier bundle from this workstation is missing: import it first. Nothing was written.',
    BUNDLE_TOO_LARGE: 'The bundle exceeds the allowed limits. Nothing was written.',
    BUNDLE_AUDIT_FORK:
      'The sending workstation’s audit log does not continue the one received before (its history may have been rewritten). Nothing was written; tell an administrator.',
    BUNDLE_SUPERSEDED:
      'This bundle was replaced by a later bundle from the same workstation, already imported, which carried all its changes: no need to import it. Nothing changed.',
    PEER_CARD_INVALID: 'The station card file is not valid.',
    FINGERPRINT_MISMATCH:
      'The code you typed does not match the station card. Call the other unit and read the code again; the peer was not added.',
    INTERNAL: 'An internal error occurred. No data was changed.',
  },
};
