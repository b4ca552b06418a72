/**
 * What a typed search means, decided in one place for the screen, the CLI and imports alike: digits alone
 * (spaces allowed, as people group them) are a citizen ID or its beginning; anything else is a name.
 */
export function readSearchQuery(text: string): { query: string; citizenId?: string } {
  const trimmed = text.trim();
  const digits = trimmed.replace(/\s+/g, '');
  return /^\d{3,12}$/.test(digits) ? { query: '', citizenId: digits } : { query: trimmed };
}
