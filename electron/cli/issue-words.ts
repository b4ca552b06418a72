import type { Lang } from './runtime';

/**
 * What a refused field's code says when no family names it: zod's own codes (a number below its minimum, a
 * word that is not one of the choices, a number that is not a number) and the few codes many schemas share.
 * The CLI prints the field and these words, with the code kept for scripts.
 */
export const genericIssueWords: Record<Lang, Record<string, string>> = {
  vi: {
    too_small: 'Giá trị nhỏ hơn mức tối thiểu cho phép.',
    too_big: 'Giá trị lớn hơn mức tối đa cho phép.',
    invalid_type: 'Giá trị không đúng kiểu (ví dụ cần một số).',
    invalid_value: 'Giá trị không thuộc các lựa chọn cho phép.',
    invalid_format: 'Giá trị không đúng định dạng.',
    invalid_union: 'Giá trị không hợp lệ.',
    unrecognized_keys: 'Có trường không được chấp nhận.',
    not_multiple_of: 'Giá trị không đúng bước cho phép.',
    custom: 'Giá trị không hợp lệ.',
    invalid: 'Giá trị không hợp lệ.',
    required: 'Cần nhập trường này.',
    too_long: 'Nội dung quá dài.',
    date_format: 'Ngày không hợp lệ (YYYY-MM-DD).',
    id_invalid: 'Mã định danh không hợp lệ.',
    province_code_format: 'Mã tỉnh gồm đúng 2 chữ số.',
    commune_code_format: 'Mã xã/phường gồm đúng 5 chữ số.',
    commune_for_commune_police: 'Chỉ đơn vị công an xã/phường mới ghi xã/phường.',
  },
  en: {
    too_small: 'The value is below the smallest allowed.',
    too_big: 'The value is above the largest allowed.',
    invalid_type: 'The value has the wrong type (a number, for example).',
    invalid_value: 'The value is not one of the allowed choices.',
    invalid_format: 'The value is not in the expected format.',
    invalid_union: 'The value is not valid.',
    unrecognized_keys: 'A field is not accepted here.',
    not_multiple_of: 'The value is not a whole step of what is allowed.',
    custom: 'The value is not valid.',
    invalid: 'The value is not valid.',
    required: 'This field is required.',
    too_long: 'The text is too long.',
    date_format: 'The date is not valid (YYYY-MM-DD).',
    id_invalid: 'The identifier is not valid.',
    province_code_format: 'A province code is exactly 2 digits.',
    commune_code_format: 'A commune code is exactly 5 digits.',
    commune_for_commune_police: 'Only a commune police unit names a commune.',
  },
};

/** The exchange's own codes (the screens' words for them are in renderer/src/i18n/exchange.*.json), for the CLI. */
export const exchangeIssueWords: Record<Lang, Record<string, string>> = {
  vi: {
    fingerprint_format: 'Mã xác nhận gồm 16 chữ và số (ví dụ 7K2M-Q9XD-4HTP-B8WN).',
    age_recipient_format: 'Khóa lưu trữ phải bắt đầu bằng age1 và có đúng 62 ký tự (chữ thường và số).',
    peer_commune_required:
      'Thẻ này không phải của một trạm công an xã (thẻ không có mã xã): chọn --kind và --policy khác, hoặc trạm kia ghi mã xã cho đơn vị của mình (hoso unit update MÃ --commune MÃ-XÃ, hay hoso station set-unit) rồi ghi lại thẻ.',
  },
  en: {
    fingerprint_format: 'A fingerprint is 16 letters and digits (for example 7K2M-Q9XD-4HTP-B8WN).',
    age_recipient_format:
      'An archive key starts with age1 and has exactly 62 characters (lower-case letters and digits).',
    peer_commune_required:
      "This card is not a commune police station's (it has no commune code): choose another --kind and --policy, or have that station give its unit its commune (hoso unit update CODE --commune CODE, or hoso station set-unit) and write its card again.",
  },
};
