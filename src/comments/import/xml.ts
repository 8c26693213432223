// The little XML reading the import formats need, on htmlparser2 (already Parley's HTML parser, through
// sanitize-html) in XML mode: CDATA kept as written, entities decoded, names with their prefixes.
import { parseDocument } from 'htmlparser2';
import { getElementsByTagName, textContent } from 'domutils';
import type { Document, Element } from 'domhandler';

export function parseXml(xml: string): Document {
  return parseDocument(xml, { xmlMode: true });
}

/** The first element of that name anywhere in the document. */
export function topElement(doc: Document, name: string): Element | undefined {
  return getElementsByTagName(name, doc, true, 1)[0];
}

export function childElements(el: Element, name: string): Element[] {
  return el.children.filter((c): c is Element => (c as Element).name === name);
}

export function childText(el: Element, name: string): string {
  const found = childElements(el, name)[0];
  return found ? textContent(found).trim() : '';
}

/** An attribute of a direct child (Disqus: <thread dsq:id="…"/>). */
export function childAttribute(el: Element, name: string, attribute: string): string {
  return childElements(el, name)[0]?.attribs[attribute] ?? '';
}
