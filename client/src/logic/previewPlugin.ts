/**
 * A markdown-it plugin for VS Code's Markdown preview: citations shown as the paper will show
 * them and the reference list appended, from what the server rendered for the document
 * (`citokine/renderedCitations`), so preview and checks read the same core and bibliography.
 * It finds citations by their exact source text in the preview's text tokens, so it parses
 * no citation syntax of its own. Every piece of bibliography text is escaped: it is untrusted.
 */
import type MarkdownIt from 'markdown-it';
import * as l10n from '@vscode/l10n';
import type { RenderedCitation, RenderedCitations } from './protocol';

type Token = ReturnType<MarkdownIt['parse']>[number];

/** HTML text: the five characters that could open markup or end an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function citationHtml(citation: RenderedCitation): string {
  const title = citation.unknown.length ? ` title="${escapeHtml(l10n.t('Unknown: {0}', citation.unknown.join(', ')))}"` : '';
  const className = citation.unknown.length ? 'citokine-citation citokine-unknown' : 'citokine-citation';
  const style = citation.unknown.length
    ? ' style="color: var(--vscode-editorError-foreground, #e51400); text-decoration: underline wavy;"'
    : '';
  return `<span class="${className}"${title}${style}>${escapeHtml(citation.text)}</span>`;
}

function referenceListHtml(data: RenderedCitations): string {
  const items = data.references.map(
    (r) => `<li>${r.label ? `<span class="citokine-label">${escapeHtml(r.label)}</span> ` : ''}${escapeHtml(r.text)}</li>`,
  );
  return `<section class="citokine-references"><h2>${escapeHtml(l10n.t('References'))}</h2><ul style="list-style: none; padding-left: 0;">${items.join('')}</ul></section>\n`;
}

/** Joins runs of text tokens (markdown-it splits text at `[` when no link follows). */
function joinText(children: Token[], TokenClass: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token): Token[] {
  const out: Token[] = [];
  for (const token of children) {
    const last = out[out.length - 1];
    if (token.type === 'text' && last?.type === 'text') {
      const joined = new TokenClass('text', '', 0);
      joined.content = last.content + token.content;
      out[out.length - 1] = joined;
    } else out.push(token);
  }
  return out;
}

/** Replaces each known citation's source text in a text token by its rendered HTML. */
function replaceCitations(
  children: Token[],
  pattern: RegExp,
  bySource: ReadonlyMap<string, RenderedCitation>,
  TokenClass: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token,
): Token[] {
  const out: Token[] = [];
  for (const token of children) {
    if (token.type !== 'text') {
      out.push(token);
      continue;
    }
    let at = 0;
    for (const match of token.content.matchAll(pattern)) {
      if (match.index > at) {
        const text = new TokenClass('text', '', 0);
        text.content = token.content.slice(at, match.index);
        out.push(text);
      }
      const html = new TokenClass('html_inline', '', 0);
      html.content = citationHtml(bySource.get(match[0])!);
      out.push(html);
      at = match.index + match[0].length;
    }
    if (at === 0) out.push(token);
    else if (at < token.content.length) {
      const rest = new TokenClass('text', '', 0);
      rest.content = token.content.slice(at);
      out.push(rest);
    }
  }
  return out;
}

/**
 * Adds the plugin to `md`. `dataFor` gives the rendered citations of the document being
 * previewed (from the markdown-it `env`), or undefined to leave the text as it is.
 */
export function citokinePreviewPlugin(md: MarkdownIt, dataFor: (env: unknown) => RenderedCitations | undefined): MarkdownIt {
  md.core.ruler.push('citokine_citations', (state) => {
    const data = dataFor(state.env);
    if (!data) return;
    const TokenClass = state.Token as unknown as new (type: string, tag: string, nesting: -1 | 0 | 1) => Token;
    if (data.citations.length > 0) {
      const bySource = new Map(data.citations.map((c) => [c.source, c]));
      // Longest first, so `[@a; @b]` wins over `@a` written alone elsewhere.
      const sources = [...bySource.keys()].sort((a, b) => b.length - a.length);
      const pattern = new RegExp(sources.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
      for (const token of state.tokens) {
        if (token.type !== 'inline' || !token.children) continue;
        token.children = replaceCitations(joinText(token.children, TokenClass), pattern, bySource, TokenClass);
      }
    }
    if (data.references.length > 0) {
      const list = new TokenClass('html_block', '', 0);
      list.content = referenceListHtml(data);
      state.tokens.push(list);
    }
  });
  return md;
}
