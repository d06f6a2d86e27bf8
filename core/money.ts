// Amounts travel as integer kopecks; on screen they are roubles in the Russian format.
const withKopecks = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' });
const wholeRoubles = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: 0, maximumFractionDigits: 0 });

/** 1250000 → «12 500 ₽», 1250050 → «12 500,50 ₽» (kopecks only when there are any). */
export function formatRoubles(kopecks: number): string {
  return kopecks % 100 === 0 ? wholeRoubles.format(kopecks / 100) : withKopecks.format(kopecks / 100);
}
