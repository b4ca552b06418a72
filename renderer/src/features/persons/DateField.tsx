import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useState, type FocusEvent } from 'react';
import type { FieldValues } from 'react-hook-form';
import type { FieldControl } from '../../components/Field';
import { DATE_FORMAT } from '../../i18n/dates';
import { todayIso } from './format';

/** Typed dates are read in these forms too ("15031990", "1/3/1990"); they are always shown dd/mm/yyyy. */
const TYPED_FORMATS = [DATE_FORMAT, 'D/M/YYYY', 'DDMMYYYY', 'YYYY-MM-DD'];

interface DateFieldProps extends Omit<FieldControl<FieldValues, string>, 'value' | 'onChange' | 'ref'> {
  value: string;
  onChange: (value: string) => void;
  /** A full date (YYYY-MM-DD) or a year alone (YYYY). */
  picker?: 'date' | 'year';
  /** Dates after today cannot be chosen (births, tests, check-ins). */
  notFuture?: boolean;
  placeholder?: string;
}

dayjs.extend(customParseFormat);

const ISO = { date: /^\d{4}-\d{2}-\d{2}$/, year: /^\d{4}$/ };

/** The typed text read with the field's formats, strictly (31/02 is no date), or null. */
function parseTyped(text: string, year: boolean): Dayjs | null {
  for (const f of year ? ['YYYY'] : TYPED_FORMATS) {
    const d = dayjs(text, f, true);
    if (d.isValid()) return d;
  }
  return null;
}

/**
 * A date field whose form value is the ISO text the contract takes ('' when empty), so that the zod schemas
 * of shared/contract validate it as they are. Text that is not a date ("1978" in a full-date field,
 * "31/02/1990") stays in the box on Tab and becomes the form value as typed, so that the form's schema says
 * why it is refused instead of the box silently emptying.
 */
export function DateField({
  value,
  onChange,
  picker = 'date',
  notFuture,
  ref: _ref,
  onBlur,
  ...rest
}: DateFieldProps & { ref?: unknown }) {
  const year = picker === 'year';
  const isIso = value !== '' && ISO[picker].test(value);
  const parsed = isIso ? dayjs(year ? `${value}-01-01` : value) : null;
  // While the form holds typed text that is not a date, the picker keeps its last date, so that it does not
  // replace the typed text in the box.
  const [lastValid, setLastValid] = useState<{ value: string; date: Dayjs | null }>({ value: '', date: null });
  const valid = parsed && parsed.isValid() ? parsed : null;
  if ((value === '' || valid) && lastValid.value !== value) setLastValid({ value, date: valid });
  const shown = value === '' || isIso ? valid : lastValid.date;
  const today = todayIso();
  return (
    <DatePicker
      {...rest}
      picker={picker}
      format={year ? 'YYYY' : TYPED_FORMATS}
      value={shown}
      preserveInvalidOnBlur
      onChange={(d: Dayjs | null) => onChange(d ? d.format(year ? 'YYYY' : 'YYYY-MM-DD') : '')}
      onBlur={(e: FocusEvent<HTMLElement>) => {
        const text = (e.target as HTMLInputElement).value?.trim() ?? '';
        const typed = text ? parseTyped(text, year) : null;
        if (text && !typed) onChange(text);
        else if (text && typed && !isIso) onChange(typed.format(year ? 'YYYY' : 'YYYY-MM-DD'));
        else if (!text && value !== '' && !isIso) onChange('');
        onBlur();
      }}
      disabledDate={
        notFuture
          ? (d: Dayjs) => d.format(year ? 'YYYY' : 'YYYY-MM-DD') > (year ? today.slice(0, 4) : today)
          : undefined
      }
      style={{ width: '100%' }}
    />
  );
}
