/**
 * Brings the first field in error into view with its message and puts the cursor in it (after a refused save),
 * in the order the fields appear on screen. Some antd inputs (selects, radio groups) take no ref, so the DOM is
 * read rather than the form's refs. Runs after the errors are drawn.
 */
export function focusFirstError(form: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const item = form?.querySelector<HTMLElement>('.ant-form-item-has-error');
    if (!item) return;
    const target = item.querySelector<HTMLElement>(
      'input:not([type="hidden"]):not([disabled]), textarea, [role="combobox"], [tabindex="0"], button',
    );
    target?.focus({ preventScroll: true });
    item.scrollIntoView({ block: 'center' });
  });
}
