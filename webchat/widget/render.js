/**
 * Turns message text into DOM nodes with a small, safe Markdown subset:
 * paragraphs and line breaks, **bold**, *italic*, [links](https://...),
 * bare https:// links and "- " / "1. " lists. Everything is built with
 * createElement/textContent, never innerHTML, so markup in a message is shown
 * as text and never runs; only http(s) and mailto links are made clickable.
 */

const SAFE_SCHEMES = ["http:", "https:", "mailto:"];
// [text](url) | **bold** | *italic* | bare http(s) URL
const INLINE = /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

/** The URL when it is absolute http(s)/mailto, otherwise null. */
export function safeUrl(raw) {
  try {
    const url = new URL(raw);
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function link(text, href, newTabLabel) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  a.target = "_blank";
  a.rel = "noopener noreferrer nofollow";
  const hint = document.createElement("span");
  hint.className = "dcw-visually-hidden";
  hint.textContent = ` (${newTabLabel})`;
  a.append(hint);
  return a;
}

/** Appends the inline content of one line to parent. */
export function renderInline(parent, text, strings) {
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    parent.append(text.slice(last, match.index));
    const [whole, linkText, linkUrl, bold, italic, bare] = match;
    if (linkText !== undefined) {
      const href = safeUrl(linkUrl);
      parent.append(href ? link(linkText, href, strings.newTab) : linkText);
    } else if (bold !== undefined) {
      const strong = document.createElement("strong");
      strong.textContent = bold;
      parent.append(strong);
    } else if (italic !== undefined) {
      const em = document.createElement("em");
      em.textContent = italic;
      parent.append(em);
    } else {
      const href = safeUrl(bare);
      parent.append(href ? link(bare, href, strings.newTab) : whole);
    }
    last = match.index + whole.length;
  }
  parent.append(text.slice(last));
}

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** A fragment with the rendered text: blocks split at blank lines, lists kept together. */
export function renderMarkdown(text, strings) {
  const fragment = document.createDocumentFragment();
  for (const block of String(text).split(/\n\s*\n/)) {
    let paragraph = null;
    let list = null;
    for (const line of block.split("\n")) {
      const bullet = line.match(BULLET);
      const numbered = bullet ? null : line.match(NUMBERED);
      if (bullet || numbered) {
        const tag = bullet ? "UL" : "OL";
        if (!list || list.tagName !== tag) {
          list = document.createElement(tag);
          fragment.append(list);
        }
        const item = document.createElement("li");
        renderInline(item, (bullet || numbered)[1], strings);
        list.append(item);
        paragraph = null;
      } else if (line.trim()) {
        list = null;
        if (paragraph) {
          paragraph.append(document.createElement("br"));
        } else {
          paragraph = document.createElement("p");
          fragment.append(paragraph);
        }
        renderInline(paragraph, line, strings);
      }
    }
  }
  return fragment;
}
