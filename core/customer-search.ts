// How the «Найти клиента» box reads what was typed: digits are a phone (any Russian way of
// writing it, even the first few digits), letters are parts of a name. Pure.

export interface CustomerSearchPlan {
  /** An E.164 prefix (+7912…) when the text is mostly digits. */
  phonePrefix: string | null;
  /** Lower-case name fragments; every one must occur in the name. */
  words: string[];
}

/** Fewer digits (or letters) than this is too vague to search by. */
export const MIN_PHONE_DIGITS = 3;
export const MIN_NAME_LETTERS = 2;

export function planCustomerSearch(text: string): CustomerSearchPlan {
  const trimmed = text.trim();
  const digits = trimmed.replace(/\D/g, '');
  const letters = trimmed.replace(/[\d\s+()\-.]/g, '');
  if (letters.length === 0) {
    if (digits.length < MIN_PHONE_DIGITS) return { phonePrefix: null, words: [] };
    return { phonePrefix: `+${russianDigits(digits, trimmed.startsWith('+'))}`, words: [] };
  }
  if (letters.length < MIN_NAME_LETTERS) return { phonePrefix: null, words: [] };
  const words = trimmed
    .toLocaleLowerCase('ru')
    .split(/[\s,]+/)
    .map((w) => w.replace(/[%_\\]/g, ''))
    .filter((w) => w.length > 0)
    .slice(0, 4);
  return { phonePrefix: null, words };
}

/** 8 912… and 912… are Russian numbers: +7 912…; digits typed after a plus stay as they are. */
function russianDigits(digits: string, plus: boolean): string {
  if (plus) return digits;
  if (digits.startsWith('8') && digits.length > 1) return `7${digits.slice(1)}`;
  if (digits.startsWith('9')) return `7${digits}`;
  return digits;
}

/** The ways a lower-case word is written in a name: as typed and with a capital first letter. */
export function nameSpellings(word: string): string[] {
  const capital = word.charAt(0).toLocaleUpperCase('ru') + word.slice(1);
  return capital === word ? [word] : [word, capital];
}
