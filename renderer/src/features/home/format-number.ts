/** Numbers with the Vietnamese thousands separator ("73.112"), whatever the screen's language. */
const vi = new Intl.NumberFormat('vi-VN');

export function formatNumber(n: number): string {
  return vi.format(n);
}
