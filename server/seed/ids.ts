// Fixed, valid UUIDv7-shaped ids for demo rows, so tests and demos can name them.
const KIND = { user: 1, customer: 2, order: 3, call: 4, callback: 5 } as const;

export function seedId(kind: keyof typeof KIND, n: number): string {
  return `0193c0de-0000-7000-8${KIND[kind]}00-${n.toString(16).padStart(12, '0')}`;
}
