/**
 * Names of record types and of their fields, for places outside the React screens that must show them to a
 * person (the CLI, printed documents): never a raw identifier where a label exists.
 */
type Labels = Readonly<Record<string, { vi: string; en: string }>>;

export const RECORD_TYPE_LABELS: Labels = Object.freeze({
  person: { vi: 'Người thuộc diện quản lý', en: 'Person' },
  person_photo: { vi: 'Ảnh chân dung', en: 'Photo' },
  measure: { vi: 'Biện pháp', en: 'Measure' },
  check_in: { vi: 'Lần làm việc', en: 'Check-in' },
  drug_test: { vi: 'Xét nghiệm', en: 'Drug test' },
  determination: { vi: 'Xác định tình trạng nghiện', en: 'Addiction determination' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
});

export const FIELD_LABELS: Labels = Object.freeze({
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  otherNames: { vi: 'Tên gọi khác', en: 'Other names' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  birthDate: { vi: 'Ngày sinh', en: 'Date of birth' },
  citizenId: { vi: 'Số định danh (CCCD)', en: 'Citizen ID' },
  photo: { vi: 'Ảnh chân dung', en: 'Photo' },
  scan: { vi: 'Bản quét giấy tờ', en: 'Scanned document' },
  ethnicity: { vi: 'Dân tộc', en: 'Ethnicity' },
  education: { vi: 'Trình độ học vấn', en: 'Education' },
  occupation: { vi: 'Nghề nghiệp', en: 'Occupation' },
  familyContact: { vi: 'Liên hệ gia đình', en: 'Family contact' },
  permStreet: { vi: 'Địa chỉ thường trú', en: 'Permanent address' },
  curStreet: { vi: 'Nơi ở hiện tại', en: 'Current address' },
  curCommune: { vi: 'Xã/phường đang ở', en: 'Current commune' },
  substances: { vi: 'Chất sử dụng', en: 'Substances' },
  firstUseDate: { vi: 'Ngày bắt đầu sử dụng', en: 'First use' },
  name: { vi: 'Tên', en: 'Name' },
  code: { vi: 'Mã', en: 'Code' },
  status: { vi: 'Trạng thái', en: 'Status' },
  endDate: { vi: 'Ngày kết thúc', en: 'End date' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  result: { vi: 'Kết quả', en: 'Result' },
});

export function labelOf(labels: Labels, key: string, lang: 'vi' | 'en'): string {
  return labels[key]?.[lang] ?? key;
}
