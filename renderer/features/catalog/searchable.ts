// Whether what was typed can be searched: at least one letter or digit (the cache turns every
// word into a prefix; punctuation alone matches nothing).
export const isSearchable = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);
