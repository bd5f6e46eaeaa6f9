/** dmn-moddle ships no types; this is the part the decision compiler uses. */
declare module 'dmn-moddle' {
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
  }
}
