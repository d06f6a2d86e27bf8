// Turning what the operator types into an FTS5 query: every word is a prefix, all must match.
// Quotes are doubled so nothing typed can change the query's meaning.

/** «смес  Гро-he» → `"смес"* AND "гро"* AND "he"*`; null when nothing searchable was typed. */
export function toPrefixMatch(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' AND ');
}
