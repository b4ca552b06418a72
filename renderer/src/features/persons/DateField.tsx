import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useEffect, useRef, useState, type FocusEvent, type FormEvent, type KeyboardEvent } from 'react';
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
  onFocus?: () => void;
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

/** The form value for what the box holds: the ISO date (or year) it reads as, else the text as typed. */
function valueOfText(text: string, year: boolean): string {
  const t = text.trim();
  if (!t) return '';
  const typed = parseTyped(t, year);
  return typed ? typed.format(year ? 'YYYY' : 'YYYY-MM-DD') : t;
}

/** The picker's own text box (not its calendar, whose events come through the React tree as well). */
function boxText(holder: HTMLElement | null, target: EventTarget): string | null {
  return target instanceof HTMLInputElement && holder?.contains(target) ? target.value : null;
}

/** Puts text into the picker's box as if typed, so that the picker's own state holds it too. */
function typeInto(input: HTMLInputElement, text: string, typing: { current: boolean }): void {
  typing.current = true;
  try {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  } finally {
    typing.current = false;
  }
}

/**
 * A date field whose form value is the ISO text the contract takes ('' when empty), so that the zod schemas
 * of shared/contract validate it as they are. Text that is not a date ("1978" in a full-date field,
 * "31/02/1990") stays in the box and is the form value as typed, so that the form's schema says why it is
 * refused instead of the box silently emptying. The value follows every key typed (not only leaving the
 * box): a save clicked or Enter pressed straight from the box, or a lock (whose draft keeps the form's
 * values), sees what the box shows; a draft brought back puts its typed text back in the box.
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
  const holder = useRef<HTMLDivElement>(null);
  // The calendar opens when the user opens it or types, not when a draft's text is put back in the box.
  const [open, setOpen] = useState(false);
  const restoring = useRef(false);
  const isIso = value !== '' && ISO[picker].test(value);
  const parsed = isIso ? dayjs(value, year ? 'YYYY' : 'YYYY-MM-DD', true) : null;
  // While the form holds typed text that is not a date, the picker keeps its last date, so that it does not
  // replace the typed text in the box.
  const [lastValid, setLastValid] = useState<{ value: string; date: Dayjs | null }>({ value: '', date: null });
  const valid = parsed && parsed.isValid() ? parsed : null;
  if ((value === '' || valid) && lastValid.value !== value) setLastValid({ value, date: valid });
  const shown = value === '' || valid ? valid : lastValid.date;
  const today = todayIso();

  // Text the picker cannot hold as a date (a draft's "31/02/1990", or a form reset to empty) is put into the
  // box when it does not show it already, unless the user is typing there.
  useEffect(() => {
    const input = holder.current?.querySelector('input');
    if (!input || input === document.activeElement || valid) return;
    if (input.value !== value) typeInto(input, value, restoring);
  });

  return (
    <div
      ref={holder}
      onInput={(e: FormEvent<HTMLDivElement>) => {
        const text = boxText(holder.current, e.target);
        if (text !== null && valueOfText(text, year) !== value) onChange(valueOfText(text, year));
      }}
      // Enter in the box ends the typing: the calendar closes (it would stay over the row above) and the typed
      // value stays; the Enter goes on to the form as before.
      onKeyDown={(e: KeyboardEvent<HTMLDivElement>) => {
        if (e.key === 'Enter' && boxText(holder.current, e.target) !== null) setOpen(false);
      }}
    >
      <DatePicker
        {...rest}
        picker={picker}
        format={year ? 'YYYY' : TYPED_FORMATS}
        value={shown}
        preserveInvalidOnBlur
        open={open}
        onOpenChange={(next: boolean) => {
          if (!(next && restoring.current)) setOpen(next);
        }}
        onChange={(d: Dayjs | null) => onChange(d ? d.format(year ? 'YYYY' : 'YYYY-MM-DD') : '')}
        onBlur={(e: FocusEvent<HTMLElement>) => {
          const text = boxText(holder.current, e.target);
          if (text !== null && valueOfText(text, year) !== value) onChange(valueOfText(text, year));
          onBlur();
        }}
        disabledDate={
          notFuture
            ? (d: Dayjs) => d.format(year ? 'YYYY' : 'YYYY-MM-DD') > (year ? today.slice(0, 4) : today)
            : undefined
        }
        style={{ width: '100%' }}
      />
    </div>
  );
}
