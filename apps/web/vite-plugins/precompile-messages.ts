import { baseCompile, type CompileError } from '@intlify/message-compiler';
import { parseAst, type Plugin } from 'vite';

/**
 * vue-i18n's messages compiled at build time into the message ASTs its runtime formats, so the
 * app ships without the message compiler (`__INTLIFY_DROP_MESSAGE_COMPILER__`, vite.config.ts)
 * and no page compiles a message on first use. Messages are the string values of the objects in
 * `src/locales/*.ts` and `*.messages.ts`, and of the `messages` object a component passes to
 * `useI18n`. A message vue-i18n cannot parse fails the build.
 */
export function precompileMessages(): Plugin {
  return {
    name: 'orglife:precompile-messages',
    // after TypeScript and the SFC compiler: plain JavaScript to parse
    enforce: 'post',
    transform(code, id) {
      const path = id.split('?')[0] ?? id;
      if (MESSAGE_MODULE.test(path)) return compileMessages(code, path, 'module');
      if (path.endsWith('.vue') && code.includes('useI18n'))
        return compileMessages(code, path, 'useI18n');
      return null;
    },
  };
}

/** NodeTypes.Message of @intlify/message-compiler: a message of text and placeholders. */
const MESSAGE_NODE = 2;

const MESSAGE_MODULE = /[\\/]src[\\/](locales[\\/](?!index|en-bundle)[^\\/]+|.+\.messages)\.ts$/;

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

function children(node: Node): Node[] {
  return Object.values(node).flatMap((value) =>
    Array.isArray(value) ? value.filter(isNode) : isNode(value) ? [value] : [],
  );
}

/** A string written as a literal or as a template without substitutions. */
function stringValue(node: Node): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && (node.expressions as Node[]).length === 0) {
    const [quasi] = node.quasis as { value: { cooked: string | null } }[];
    return quasi?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The message strings under `node`: the string values of its object properties. */
function messageStrings(node: Node, found: Node[] = []): Node[] {
  if (node.type === 'Property' && isNode(node.value) && stringValue(node.value) !== undefined)
    found.push(node.value);
  for (const child of children(node)) messageStrings(child, found);
  return found;
}

/** The `messages` objects passed to `useI18n({ ... })`. */
function useI18nMessages(node: Node, found: Node[] = []): Node[] {
  const callee = node.callee as Node | undefined;
  if (
    node.type === 'CallExpression' &&
    callee?.type === 'Identifier' &&
    callee.name === 'useI18n'
  ) {
    const [options] = node.arguments as Node[];
    for (const property of options?.type === 'ObjectExpression'
      ? (options.properties as Node[])
      : []) {
      const key = property.key as Node | undefined;
      if (key?.type === 'Identifier' && key.name === 'messages' && isNode(property.value))
        found.push(property.value);
    }
  }
  for (const child of children(node)) useI18nMessages(child, found);
  return found;
}

/**
 * One message's AST as JavaScript, or the build's error naming the message; undefined for plain
 * text (no placeholder, plural or link), which the runtime shows as it is without a compiler.
 */
function compiledMessage(message: string, path: string): string | undefined {
  const errors: CompileError[] = [];
  const { ast } = baseCompile(message, {
    jit: true,
    minify: true,
    location: false,
    onError: (error) => errors.push(error),
  });
  if (errors.length)
    throw new Error(
      `${path}: vue-i18n cannot parse the message "${message}": ${errors[0]?.message}`,
    );
  const body = ast as { b?: { t?: number; s?: string } };
  if (body.b?.t === MESSAGE_NODE && body.b.s === message) return undefined;
  return JSON.stringify(ast);
}

/**
 * `code` with each message string replaced by its compiled AST (`scope` says where messages are:
 * anywhere in a message module, or inside `useI18n`'s `messages`); null when there is none.
 */
export function compileMessages(
  code: string,
  path: string,
  scope: 'module' | 'useI18n',
): { code: string; map: null } | null {
  const program = parseAst(code) as unknown as Node;
  const roots = scope === 'module' ? [program] : useI18nMessages(program);
  const compiled = roots
    .flatMap((root) => messageStrings(root))
    .map((node) => ({ node, ast: compiledMessage(stringValue(node) ?? '', path) }))
    .filter((message) => message.ast !== undefined);
  if (!compiled.length) return null;
  let out = code;
  for (const { node, ast } of compiled.sort((a, b) => b.node.start - a.node.start))
    out = `${out.slice(0, node.start)}${ast}${out.slice(node.end)}`;
  return { code: out, map: null };
}
