/**
 * What kind of file a URI names, judged by its name alone: the one place that decides
 * "manuscript", "bibliography" (and in which format) and "glossary". A file named in front
 * matter or settings is read as what it is named for whatever its name; these answers are
 * for the cases where only the name is known (a file changed on disk, a request from a
 * document the service has not been told about).
 */
import { URI } from 'vscode-uri';

/** The bibliography formats Citokine reads. */
export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml' | 'ris';

const FORMAT_BY_EXTENSION: Readonly<Record<string, BibliographyFormat>> = {
  bib: 'bibtex',
  bibtex: 'bibtex',
  biblatex: 'bibtex',
  json: 'csl-json',
  yaml: 'csl-yaml',
  yml: 'csl-yaml',
  ris: 'ris',
};

/** Markdown manuscripts: Markdown, Quarto and R Markdown. */
const MANUSCRIPT = /\.(?:md|markdown|qmd|rmd)$/i;

/** `glossary.json|yaml|yml`, or any name ending in `.glossary.json|yaml|yml`. */
const GLOSSARY = /(?:^|[/\\.])glossary\.(?:json|ya?ml)$/i;

/** The path part of a URI (or of a plain path), without query or fragment. */
function pathOf(uriOrPath: string): string {
  return URI.parse(uriOrPath).path;
}

/**
 * The format a file named as a bibliography is read in, by its extension as pandoc decides
 * (`.bib` BibTeX, `.json` CSL-JSON, `.yaml` CSL-YAML, `.ris` RIS); undefined for any other.
 */
export function bibliographyFormatOf(uriOrPath: string): BibliographyFormat | undefined {
  const path = pathOf(uriOrPath);
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : FORMAT_BY_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

/** A glossary file by its name (`glossary.json`, `terms.glossary.yaml`). */
export function isGlossaryFile(uriOrPath: string): boolean {
  return GLOSSARY.test(pathOf(uriOrPath));
}

/** A bibliography file by its name: a bibliography extension, and not named as a glossary. */
export function isBibliographyFile(uriOrPath: string): boolean {
  return bibliographyFormatOf(uriOrPath) !== undefined && !isGlossaryFile(uriOrPath);
}

/** A Markdown manuscript by its name (`.md`, `.markdown`, `.qmd`, `.Rmd`). */
export function isManuscriptFile(uriOrPath: string): boolean {
  return MANUSCRIPT.test(pathOf(uriOrPath));
}
