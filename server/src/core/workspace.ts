/**
 * What the language service needs from its host, injected so that the core never touches
 * the file system or the editor: the LSP server gives it open documents and the disk, the
 * CLI gives it the disk, tests give it strings.
 */
export interface Workspace {
  /** The text of a file (an open editor's text when it is open), or undefined when it cannot be read. */
  readFile(uri: string): Promise<string | undefined>;
  /**
   * The Markdown files (URIs) of the workspace, for find references, rename and workspace
   * symbols across manuscripts. Optional: without it those features see the documents the
   * service has been shown. Hosts bound the walk; open editors' texts still come from readFile.
   */
  listMarkdownFiles?(): Promise<string[]>;
  /**
   * Why the last `readFile(uri)` gave undefined, as the end of a sentence about the file
   * ("is a FIFO, not a regular file", "is 80 MB, over the 50 MB limit (citokine.files.maxSizeMB)");
   * undefined when the host does not know or the file was read. Optional: diagnostics then
   * say only that the file cannot be read.
   */
  readError?(uri: string): string | undefined;
  /**
   * The user's home folder (URI), for paths written `~/...`; hosts without one leave it out
   * and such paths are relative like any other. The core never asks the environment.
   */
  readonly homeFolderUri?: string;
}
