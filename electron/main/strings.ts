import type { Preferences } from '../../shared/contract';

export type Language = Preferences['language'];

/**
 * The words main shows itself: the menu and the message when the data service stops. Everything else a person
 * reads comes from the renderer's translation files.
 */
export const mainStrings = Object.freeze({
  vi: {
    app: 'HoSo',
    lock: 'Khóa',
    quit: 'Thoát',
    edit: 'Chỉnh sửa',
    undo: 'Hoàn tác',
    redo: 'Làm lại',
    cut: 'Cắt',
    copy: 'Sao chép',
    paste: 'Dán',
    selectAll: 'Chọn tất cả',
    view: 'Xem',
    reload: 'Tải lại',
    devTools: 'Công cụ nhà phát triển',
    hostStoppedTitle: 'HoSo phải đóng lại',
    hostStopped:
      'Dịch vụ dữ liệu đã dừng bất thường. Kho dữ liệu đã được khóa; những gì đã lưu trước đó vẫn còn nguyên. Hãy mở lại ứng dụng.',
    startFailedTitle: 'Không mở được HoSo',
    startFailed: 'Dịch vụ dữ liệu không khởi động được. Hãy mở lại ứng dụng; nếu vẫn lỗi, liên hệ quản trị viên.',
  },
  en: {
    app: 'HoSo',
    lock: 'Lock',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer tools',
    hostStoppedTitle: 'HoSo has to close',
    hostStopped:
      'The data service stopped unexpectedly. The vault is locked; everything saved before this is intact. Please open the app again.',
    startFailedTitle: 'HoSo could not start',
    startFailed: 'The data service did not start. Open the app again; if it still fails, contact your administrator.',
  },
} as const);
