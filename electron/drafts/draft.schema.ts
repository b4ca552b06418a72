/** A form's unsaved values, per account and form (migration 2026_12_03_1500_drafts). Local: never replicated. */
export interface DraftTable {
  accountId: string;
  formKey: string;
  /** JSON text the renderer wrote; the host never reads inside it. */
  payload: string;
  /** JSON text naming the screen the form lives on, so that unlocking can return to it. */
  screen: string | null;
  updatedAt: string;
}
