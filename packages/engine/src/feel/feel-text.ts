/**
 * FEEL text as Camunda accepts it, rewritten into what feelin parses: line breaks inside a
 * string literal become escapes, and a backtick name (`` `order-id` ``, `` `a b` ``) becomes
 * the bare name, which feelin reads when the context holds it (the variables do at run time;
 * `names` lets the syntax check know them).
 */
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function readFeelText(text: string): { expression: string; names: string[] } {
  let expression = '';
  const names: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') {
      let end = i + 1;
      let literal = '"';
      for (; end < text.length && text[end] !== '"'; end++) {
        const c = text[end] as string;
        if (c === '\\' && end + 1 < text.length) {
          literal += c + (text[end + 1] as string);
          end++;
        } else literal += ESCAPES[c] ?? c;
      }
      expression += end < text.length ? `${literal}"` : literal;
      i = end;
    } else if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) return { expression: expression + text.slice(i), names };
      const name = text.slice(i + 1, end);
      names.push(name);
      expression += name;
      i = end;
    } else expression += ch;
  }
  return { expression, names };
}
