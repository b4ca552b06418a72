import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
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

/**
 * A date field whose form value is the ISO text the contract takes ('' when empty), so that the zod schemas
 * of shared/contract validate it as they are.
 */
export function DateField({
  value,
  onChange,
  picker = 'date',
  notFuture,
  ref: _ref,
  ...rest
}: DateFieldProps & { ref?: unknown }) {
  const year = picker === 'year';
  const parsed = value ? dayjs(year ? `${value}-01-01` : value) : null;
  const today = todayIso();
  return (
    <DatePicker
      {...rest}
      picker={picker}
      format={year ? 'YYYY' : TYPED_FORMATS}
      value={parsed && parsed.isValid() ? parsed : null}
      onChange={(d: Dayjs | null) => onChange(d ? d.format(year ? 'YYYY' : 'YYYY-MM-DD') : '')}
      disabledDate={
        notFuture
          ? (d: Dayjs) => d.format(year ? 'YYYY' : 'YYYY-MM-DD') > (year ? today.slice(0, 4) : today)
          : undefined
      }
      style={{ width: '100%' }}
    />
  );
}
