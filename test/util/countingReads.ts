/** A test workspace's reads counted per URI; after its first read, a file listed in `changed` reads as its new text (a change the host has not reported yet). */
export function countingReads(
  workspace: { readFile(uri: string): Promise<string | undefined> },
  changed: ReadonlyMap<string, string> = new Map(),
): Map<string, number> {
  const reads = new Map<string, number>();
  const readFile = workspace.readFile.bind(workspace);
  workspace.readFile = async (uri: string) => {
    reads.set(uri, (reads.get(uri) ?? 0) + 1);
    const text = changed.get(uri);
    if (text !== undefined && reads.get(uri)! > 1) return text;
    return readFile(uri);
  };
  return reads;
}
