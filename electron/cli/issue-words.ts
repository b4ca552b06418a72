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
  },
};
