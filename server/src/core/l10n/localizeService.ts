/**
 * The language service's answers in the client's display language: the facade is wrapped
 * once, and what leaves it (diagnostics, hovers, completion details and documentation,
 * action titles, command results, rename refusals, link tooltips, the views' labels and
 * findings, the preview's notes) goes through the localizer. The checks keep writing
 * English; nothing inside the service changes.
 */
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentLink,
  Hover,
  MarkupContent,
} from 'vscode-languageserver-types';
import { RenameRefusedError } from '../citations/navigation/rename';
import type { Localizer } from './localizer';

type Translate = (result: never, l10n: Localizer) => unknown;

const diagnostics = (list: Diagnostic[] | undefined, l10n: Localizer): Diagnostic[] | undefined =>
  list?.map((d) => ({ ...d, message: l10n.message(d.message) }));

function documentation(doc: string | MarkupContent | undefined, l10n: Localizer): string | MarkupContent | undefined {
  if (doc === undefined) return undefined;
  return typeof doc === 'string' ? l10n.markdown(doc) : { ...doc, value: l10n.markdown(doc.value) };
}

function completionItem(item: CompletionItem, l10n: Localizer): CompletionItem {
  const out: CompletionItem = { ...item };
  if (item.detail !== undefined) out.detail = l10n.label(item.detail);
  if (item.documentation !== undefined) out.documentation = documentation(item.documentation, l10n);
  return out;
}

function hover(result: Hover | undefined, l10n: Localizer): Hover | undefined {
  if (!result) return result;
  const { contents } = result;
  if (typeof contents === 'string') return { ...result, contents: l10n.markdown(contents) };
  if ('kind' in contents) return { ...result, contents: { ...contents, value: l10n.markdown(contents.value) } };
  return result; // MarkedString forms: the service does not make them
}

function codeAction(action: CodeAction, l10n: Localizer): CodeAction {
  const out: CodeAction = { ...action, title: l10n.message(action.title) };
  if (action.command) out.command = { ...action.command, title: l10n.message(action.command.title) };
  if (action.diagnostics) out.diagnostics = diagnostics(action.diagnostics, l10n);
  return out;
}

/** What to translate in each method's answer, by method name. */
const ANSWERS: Readonly<Record<string, Translate>> = {
  diagnostics: (list: Diagnostic[], l10n) => diagnostics(list, l10n),
  bibliographyFileDiagnostics: (list: Diagnostic[], l10n) => diagnostics(list, l10n),
  glossaryFileDiagnostics: (list: Diagnostic[], l10n) => diagnostics(list, l10n),
  hover,
  completion: (list: CompletionList | undefined, l10n) => list && { ...list, items: list.items.map((item) => completionItem(item, l10n)) },
  resolveCompletion: completionItem,
  codeActions: (actions: CodeAction[], l10n) => actions.map((a) => codeAction(a, l10n)),
  documentCommand: (result: { message: string }, l10n) => ({ ...result, message: l10n.message(result.message) }),
  documentLinks: (links: DocumentLink[], l10n) =>
    links.map((link) => (link.tooltip === undefined ? link : { ...link, tooltip: l10n.label(link.tooltip) })),
  documentOutline: (
    outline: { cited: { label: string }[]; uncited: { label: string }[]; terms: { findings: { message: string }[] }[] },
    l10n,
  ) => ({
    ...outline,
    cited: outline.cited.map((w) => ({ ...w, label: l10n.label(w.label) })),
    uncited: outline.uncited.map((e) => ({ ...e, label: l10n.label(e.label) })),
    terms: outline.terms.map((t) => ({ ...t, findings: t.findings.map((f) => ({ ...f, message: l10n.message(f.message) })) })),
  }),
  renderedCitations: (rendered: { references: { text: string }[] }, l10n) => ({
    ...rendered,
    references: rendered.references.map((r) => ({ ...r, text: l10n.label(r.text) })),
  }),
};

/** Methods whose refusals (RenameRefusedError) carry a message for the author. */
const REFUSING = new Set(['prepareRename', 'rename']);

/**
 * `service` answering in `l10n`'s language: the same object for English, else a frozen
 * object whose translated methods call the service's and translate the answer; every other
 * member (the `settings` getter included) is the service's own.
 */
export function localizeService<S extends object>(service: S, l10n: Localizer): S {
  if (l10n.language === 'en') return service;
  const wrapped = Object.create(service) as object;
  const methods = service as unknown as Record<string, unknown>;
  for (const name of [...Object.keys(ANSWERS), ...REFUSING]) {
    const method = methods[name];
    if (typeof method !== 'function') continue;
    const translate = ANSWERS[name] as ((result: unknown, l10n: Localizer) => unknown) | undefined;
    const localized = async (...args: unknown[]) => {
      try {
        const result: unknown = await method.apply(service, args);
        return translate ? translate(result, l10n) : result;
      } catch (e) {
        throw REFUSING.has(name) && e instanceof RenameRefusedError ? new RenameRefusedError(l10n.message(e.message)) : e;
      }
    };
    // Defined, not assigned: the service is frozen, and assigning over a frozen prototype's property fails.
    Object.defineProperty(wrapped, name, { value: localized, enumerable: true });
  }
  return Object.freeze(wrapped) as S;
}
