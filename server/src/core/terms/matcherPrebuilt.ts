/**
 * The built-in glossary's term matcher, prebuilt: scripts/generate.mjs builds its trie with
 * matcher.ts at build time and writes it as data (builtinGlossary.generated.ts), which a check
 * reads back into the same trie without folding a form, sorting entries or building the start
 * pattern's source (15-19 ms of every `citokine check`, which starts a new process each time).
 * It is used only for the glossary parsed from exactly the built-in text (`isBuiltinGlossary`);
 * test/term-matcher-prebuilt.test.ts shows it equal to the trie built at run time.
 */
import { isBuiltinGlossary, type Glossary } from './glossary';
import { BUILTIN_MATCHER } from './builtinGlossary.generated';
import { FormEntry, variantFix, type TermFormKind } from './matcherEntries';

/** A node of the matcher's trie: its children by folded character. */
export interface TrieNode {
  next: Map<number, TrieNode> | undefined;
  /** Forms that end here, best first. */
  entries: FormEntry[] | undefined;
}

/** A trie as data. */
export interface PrebuiltMatcher {
  /**
   * Per form, five values: the index of its term in the glossary, the form, its kind (index in
   * `KINDS`), 1 when generated (else 0) and its suggestion (index in `SUGGESTIONS`).
   */
  readonly entries: readonly (string | number)[];
  /**
   * The trie in preorder: per node, its number of forms and their indexes (in `entries`, in
   * the node's order), its number of children, then per child its folded character, the
   * length of its node's data (to skip it) and its node.
   */
  readonly trie: readonly number[];
  /** Number of forms in the trie. */
  readonly size: number;
  /** The source of the start pattern (matcherStarts.ts), flag `g`. */
  readonly starts: string;
}

const KINDS: readonly TermFormKind[] = ['canonical', 'alias', 'name', 'variant'];
/** A form's suggestion: none, the listed variant's fix (`variantFix`, worked out on first read), or the term's canonical form. */
const SUGGESTIONS = ['none', 'variant-fix', 'canonical'] as const;
const FIELDS = 5;

/** `root` (built for `glossary`) as data; throws on what the data cannot say. */
export function serializeTrie(glossary: Glossary, root: TrieNode, size: number, starts: RegExp): PrebuiltMatcher {
  const termIndex = new Map(glossary.terms.map((term, i) => [term, i]));
  const entries: (string | number)[] = [];
  const trie: number[] = [];
  const suggestionOf = (entry: FormEntry): number => {
    const given = entry.givenSuggestion;
    if (given === undefined) return 0;
    if (typeof given === 'function' && entry.kind === 'variant' && !entry.generated) return 1;
    if (given === entry.term.canonical) return 2;
    throw new Error(`prebuilt matcher: the suggestion of '${entry.form}' cannot be written as data`);
  };
  const visit = (node: TrieNode) => {
    const here = node.entries ?? [];
    trie.push(here.length);
    for (const entry of here) {
      trie.push(entries.length / FIELDS);
      entries.push(termIndex.get(entry.term)!, entry.form, KINDS.indexOf(entry.kind), entry.generated ? 1 : 0, suggestionOf(entry));
    }
    trie.push(node.next?.size ?? 0);
    for (const [c, child] of node.next ?? []) {
      trie.push(c, 0);
      const sizeAt = trie.length - 1;
      visit(child);
      trie[sizeAt] = trie.length - sizeAt - 1;
    }
  };
  visit(root);
  if (starts.flags !== 'g') throw new Error(`prebuilt matcher: the start pattern's flags are '${starts.flags}'`);
  return { entries, trie, size, starts: starts.source };
}

/**
 * A node of a prebuilt trie, read from the data when first reached: its forms when made, its
 * children when first asked for. A check reaches a few hundred of the trie's nodes.
 */
class PrebuiltNode implements TrieNode {
  readonly entries: FormEntry[] | undefined;
  private children: Map<number, TrieNode> | undefined | null = null;
  /** Where this node's number of children is in the data. */
  private readonly childrenAt: number;

  constructor(
    private readonly glossary: Glossary,
    private readonly data: PrebuiltMatcher,
    at: number,
  ) {
    const { trie } = data;
    const formCount = trie[at++];
    if (formCount > 0) {
      this.entries = [];
      for (let i = 0; i < formCount; i++) this.entries.push(formEntry(glossary, data.entries, trie[at++]));
    }
    this.childrenAt = at;
  }

  get next(): Map<number, TrieNode> | undefined {
    if (this.children === null) {
      const { trie } = this.data;
      let at = this.childrenAt;
      const childCount = trie[at++];
      let children: Map<number, TrieNode> | undefined;
      if (childCount > 0) {
        children = new Map();
        for (let i = 0; i < childCount; i++) {
          const [c, size] = [trie[at], trie[at + 1]];
          children.set(c, new PrebuiltNode(this.glossary, this.data, at + 2));
          at += 2 + size;
        }
      }
      this.children = children;
    }
    return this.children;
  }
}

/** Form `index` of the data, for `glossary`'s terms. */
function formEntry(glossary: Glossary, entries: PrebuiltMatcher['entries'], index: number): FormEntry {
  const at = index * FIELDS;
  const term = glossary.terms[entries[at] as number];
  const form = entries[at + 1] as string;
  const suggestion = SUGGESTIONS[entries[at + 4] as number];
  return new FormEntry(
    term,
    form,
    KINDS[entries[at + 2] as number],
    entries[at + 3] === 1,
    suggestion === 'none' ? undefined : suggestion === 'canonical' ? term.canonical : () => variantFix(term, form),
  );
}

/** The trie that `data` describes, for `glossary`'s terms, read as it is walked. */
export function decodeTrie(glossary: Glossary, data: PrebuiltMatcher): { root: TrieNode; size: number; starts: RegExp } {
  return { root: new PrebuiltNode(glossary, data, 0), size: data.size, starts: new RegExp(data.starts, 'g') };
}

/** The prebuilt trie when `glossary` is the built-in one as parsed from its own text, else undefined. */
export function prebuiltTrie(glossary: Glossary): { root: TrieNode; size: number; starts: RegExp } | undefined {
  return isBuiltinGlossary(glossary) ? decodeTrie(glossary, BUILTIN_MATCHER) : undefined;
}
