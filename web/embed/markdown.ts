// A comment's sanitized HTML turned back into the Markdown subset the server renders (src/comments/render.ts:
// paragraphs, line breaks, emphasis, strong, strikethrough, code, code blocks, quotes, lists, links).
// "Edit" starts from the text this browser posted; this is for a comment whose source it did not keep.

const ESCAPED = /[\\`*_[\]~]/g;

export function markdownFromHtml(html: string): string {
  // A <template>'s content is inert: nothing in it runs or loads.
  const template = document.createElement('template');
  template.innerHTML = html;
  return blocks(template.content).trim();
}

function blocks(parent: Node): string {
  return Array.from(parent.childNodes)
    .filter((n) => n.nodeType !== Node.TEXT_NODE || (n.textContent ?? '').trim() !== '')
    .map(block)
    .join('\n\n');
}

function block(node: Node): string {
  if (!(node instanceof Element)) return inline(node);
  switch (node.tagName) {
    case 'P':
      return inlines(node);
    case 'PRE':
      return '```\n' + (node.textContent ?? '').replace(/\n$/, '') + '\n```';
    case 'BLOCKQUOTE':
      return blocks(node)
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'UL':
    case 'OL': {
      const start = Number(node.getAttribute('start') ?? 1) || 1;
      return Array.from(node.children)
        .map((li, i) => {
          const marker = node.tagName === 'OL' ? `${start + i}. ` : '- ';
          const pad = ' '.repeat(marker.length);
          return marker + blocks(li).split('\n').join(`\n${pad}`);
        })
        .join('\n');
    }
    default:
      return inline(node);
  }
}

function inlines(node: Node): string {
  return Array.from(node.childNodes, inline).join('');
}

function inline(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').replace(ESCAPED, '\\$&');
  if (!(node instanceof Element)) return '';
  switch (node.tagName) {
    case 'BR':
      return '\n';
    case 'EM':
      return `*${inlines(node)}*`;
    case 'STRONG':
      return `**${inlines(node)}**`;
    case 'S':
    case 'DEL':
      return `~~${inlines(node)}~~`;
    case 'CODE':
      return '`' + (node.textContent ?? '') + '`';
    case 'A': {
      const href = node.getAttribute('href') ?? '';
      const text = node.textContent ?? '';
      // A bare address was linked by the server (linkify): writing it bare links it again.
      return text === href || `mailto:${text}` === href ? text : `[${inlines(node)}](${href})`;
    }
    default:
      return inlines(node);
  }
}
