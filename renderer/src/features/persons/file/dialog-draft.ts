import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useRestoredView } from '../../drafts/draft-screen';
import { useFormDraft, type DraftState } from '../../drafts/useDraft';

/** The dialogs of a person's file whose typing is kept as a draft across a lock. */
export type FileDialog = 'measure' | 'test' | 'checkIn' | 'determination';

/** The view of the persons page that a dialog's draft returns to after an unlock. */
interface FileDialogView {
  kind: 'file';
  personId: string;
  modal: FileDialog;
  /** The record the dialog is about when it is not the person (the measure of a check-in). */
  recordId?: string;
}

/**
 * A dialog of the person file keeping its typing as a draft (`persons.<dialog>:<record id>`, inside the
 * encrypted database), so that after a lock the file opens again with this dialog and what was typed in it.
 */
export function useFileDialogDraft<T extends FieldValues, TTransformed = T>(
  form: Pick<UseFormReturn<T, unknown, TTransformed>, 'control' | 'reset'>,
  dialog: FileDialog,
  personId: string,
  recordId?: string,
): DraftState {
  const view: FileDialogView = { kind: 'file', personId, modal: dialog, ...(recordId ? { recordId } : {}) };
  return useFormDraft(`persons.${dialog}:${recordId ?? personId}`, form, { page: 'persons', view });
}

/**
 * Whether this dialog of this person's file was left open with a draft at the last lock (read when the card
 * mounts): `true`, or the id of the record it was about, or null when it was not.
 */
export function useReopenedDialog(dialog: FileDialog, personId: string): string | true | null {
  const restored = useRestoredView<Partial<FileDialogView>>('persons');
  if (restored?.modal !== dialog || restored.personId !== personId) return null;
  return restored.recordId ?? true;
}
