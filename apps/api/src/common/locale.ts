/**
 * Users' messages are written once, bilingual, as `中文 (English)`; the problem filter serves
 * one side: Chinese unless the client asks for English first in `Accept-Language`.
 */
export type Language = 'zh' | 'en';

const CJK = /[\u3400-\u9fff]/;
const LATIN = /[A-Za-z]/;
/** `head (tail)` where the parentheses close the message. */
const BILINGUAL = /^([\s\S]*?\S)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\.?\s*$/;

/** The language the client asks for first; Chinese when it names neither. */
export function languageOf(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('en')) return 'en';
    if (tag.startsWith('zh')) return 'zh';
  }
  return 'zh';
}

/** One side of a bilingual `中文 (English)` (or `English (中文)`) message; other text as it is. */
export function localize(message: string, language: Language): string {
  const match = BILINGUAL.exec(message);
  if (!match) return message;
  const [, head = '', tail = ''] = match;
  const pair: [zh: string, en: string] | null =
    CJK.test(head) && LATIN.test(tail)
      ? [head, tail]
      : CJK.test(tail) && !CJK.test(head)
        ? [tail, head]
        : null;
  if (!pair) return message;
  return language === 'en' ? pair[1] : pair[0];
}

/** Writes a bilingual message the filter can split. */
export function bilingual(zh: string, en: string): string {
  return `${zh} (${en})`;
}
