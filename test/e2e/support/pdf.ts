/** The text of each page of a PDF, as a reader would copy it out. */
export async function pdfPages(data: Uint8Array): Promise<string[]> {
  // pdfjs expects Promise.withResolvers (Node 22); the project runs on Node 20
  const promises = Promise as unknown as { withResolvers?: () => unknown };
  promises.withResolvers ??= () => {
    let resolve!: (value: unknown) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise, resolve, reject };
  };
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loading = getDocument({ data: new Uint8Array(data), useSystemFonts: true });
  const document = await loading.promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    // CJK fonts map some characters to look-alikes (⽣ for 生); NFKC gives the text a reader sees
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .normalize('NFKC'),
    );
  }
  await loading.destroy();
  return pages;
}
