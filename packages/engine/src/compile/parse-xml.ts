/**
 * XML → moddle tree. DTDs are refused before parsing, so no entity is ever expanded; malformed
 * XML is reported with its 1-based line.
 */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { Problems } from './problems.js';

const moddle = new BpmnModdle({ zeebe });

export type Parsed =
  | { ok: true; definitions: ModdleElement; unresolved: Unresolved[]; problems: Problems }
  | { ok: false; problems: Problems };

export interface Unresolved {
  element: ModdleElement;
  property: string;
  value: string;
}

function lineOf(message: string): number | undefined {
  const m = /line: (\d+)/.exec(message);
  return m ? Number(m[1]) + 1 : undefined;
}

function lineAt(xml: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (xml.charCodeAt(i) === 10) line++;
  return line;
}

const ZEEBE_PREFIX = /xmlns:([\w.-]+)="http:\/\/camunda\.org\/schema\/zeebe\/1\.0"/;

/**
 * A zeebe:userTaskForm holds a form's JSON as text; tools write markup in it unescaped
 * (`"text": "a<br />b"`), which an XML reader takes for elements. Its `<` become `&lt;`.
 */
function formBodiesAsText(xml: string): string {
  const prefix = ZEEBE_PREFIX.exec(xml)?.[1];
  if (!prefix) return xml;
  const form = new RegExp(
    `(<${prefix}:userTaskForm(?:\\s[^>]*)?(?<!/)>)([\\s\\S]*?)(</${prefix}:userTaskForm>)`,
    'g',
  );
  return xml.replace(form, (all, open: string, body: string, close: string) =>
    body.includes('<![CDATA[') ? all : `${open}${body.replaceAll('<', '&lt;')}${close}`,
  );
}

export async function parseXml(xml: string): Promise<Parsed> {
  const problems = new Problems();
  const dtd = /<!(DOCTYPE|ENTITY)/i.exec(xml);
  if (dtd) {
    problems.add(
      null,
      `the file contains a <!${dtd[1]}> declaration; DTDs and entities are not allowed in BPMN files`,
      lineAt(xml, dtd.index),
    );
    return { ok: false, problems };
  }
  let result;
  try {
    result = await moddle.fromXML(formBodiesAsText(xml));
  } catch (error) {
    const message = (error as Error).message;
    problems.add(null, `malformed XML: ${message.split('\n')[0] ?? message}`, lineOf(message));
    return { ok: false, problems };
  }
  const unresolved: Unresolved[] = [];
  for (const warning of result.warnings) {
    // bpmn-moddle reads a Latin-1 declared file as UTF-8 and says so; the model is complete.
    if (warning.message.startsWith('unsupported document encoding')) continue;
    if (warning.message.startsWith('unresolved reference') && warning.element) {
      unresolved.push({
        element: warning.element,
        property: warning.property ?? '',
        value: warning.value ?? '',
      });
    } else {
      const first = warning.message.split('\n');
      const nested = first.find((l) => l.includes('nested error'))?.trim();
      problems.add(
        warning.element?.id ?? null,
        `could not read ${first[0] ?? warning.message}${nested ? ` (${nested.replace(/^nested error: /, '')})` : ''}`,
        lineOf(warning.message),
      );
    }
  }
  if (result.rootElement.$type !== 'bpmn:Definitions') {
    problems.add(null, 'the file is not a BPMN 2.0 definitions document');
    return { ok: false, problems };
  }
  return { ok: true, definitions: result.rootElement, unresolved, problems };
}
