// Which result row the arrow keys land on. -1 = none (the cursor is only in the text field).
export type RowKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp';
const PAGE = 5;

export function isRowKey(key: string): key is RowKey {
  return key === 'ArrowDown' || key === 'ArrowUp' || key === 'Home' || key === 'End' || key === 'PageDown' || key === 'PageUp';
}

/** The next active row; stops at the ends rather than wrapping (no surprise jumps). */
export function moveActive(active: number, key: RowKey, count: number): number {
  if (count === 0) return -1;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(active + 1, last);
    case 'ArrowUp':
      return Math.max(active - 1, 0);
    case 'PageDown':
      return Math.min(Math.max(active, 0) + PAGE, last);
    case 'PageUp':
      return Math.max(active - PAGE, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
  }
}
