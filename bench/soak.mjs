// Soak over the stdio protocol: the bundled server (dist/server.js --stdio) with 200 open
// manuscripts and 10,000 didChange events sent at a fixed cadence (one every 5 ms by
// default, about 200 keystrokes a second: faster than anyone types), each inserting one
// character where the "author" is typing, in one document at a time (switching every 50
// edits). A completion every 10 edits and a hover every 10 edits (offset by 5) are
// interleaved; one request in five is cancelled with $/cancelRequest 1 ms after it is sent.
// Counts requests answered, cancelled (RequestCancelled) or failed, and unanswered at the
// end; records unhandled rejections (the server's stderr and its log messages); samples the
// server's resident memory (RSS, from /proc) every 1,000 edits. Prints the curve and totals.
// Run after `npm run build`: node bench/soak.mjs [edits=10000] [documents=200] [cadenceMs=5]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter, CancellationTokenSource } = require('vscode-jsonrpc/node');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EDITS = Number(process.argv[2] ?? 10_000);
const DOCUMENTS = Number(process.argv[3] ?? 200);
const CADENCE_MS = Number(process.argv[4] ?? 5);
const SWITCH_EVERY = 50;
const SAMPLE_EVERY = 1_000;
const DRAIN_MS = 15_000;

/** A deterministic pseudo-random sequence, so every run sends the same session. */
function random(seed) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}
const next = random(13);

// The workspace: one bibliography of 300 entries, a glossary, and the manuscripts.
const dir = mkdtempSync(path.join(tmpdir(), 'citokine-soak-'));
const KEYS = Array.from({ length: 300 }, (_, i) => `author${i}${2000 + (i % 24)}`);
writeFileSync(
  path.join(dir, 'refs.bib'),
  KEYS.map(
    (k, i) =>
      `@article{${k},\n  author = {Author${i}, A. and Other, B.},\n  title = {Interleukin-6 study ${i} in colorectal cancer},\n  journal = {J Test}, year = {${2000 + (i % 24)}}, doi = {10.1000/soak.${i}}\n}\n`,
  ).join(''),
);
const PARAGRAPH =
  'IL-6 signals through gp130 and STAT3 in colorectal cancer (CRC) [@KEY]. 白细胞介素-6（IL-6）促进肿瘤生长 [@KEY; @KEY]. Serum IL6 was 10 ng/ml [@KEY, p. 3].\n\n';
const uriOf = (name) => pathToFileURL(path.join(dir, name)).toString();
const documents = Array.from({ length: DOCUMENTS }, (_, d) => {
  const paragraphs = Array.from({ length: 8 + (d % 8) }, () =>
    PARAGRAPH.replace(/KEY/g, () => KEYS[Math.floor(next() * KEYS.length)]),
  ).join('');
  const text = `---\nbibliography: refs.bib\n---\n# Manuscript ${d}\n\n${paragraphs}`;
  return { uri: uriOf(`m${String(d).padStart(3, '0')}.md`), text, version: 1 };
});
// What the author types, one character per edit: prose, a key citation typed out, a numeric one.
const TYPED = ` IL-6 drives growth [@${KEYS[7]}] and invasion [@aut] in CRC; 白细胞介素-6 升高 [3]. `;

const server = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
server.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
let exited;
server.on('exit', (code, signal) => (exited = { code, signal }));
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const logErrors = [];
let diagnosticsCount = 0;
connection.onNotification('window/logMessage', (p) => {
  if (p.type === 1) logErrors.push(p.message);
});
connection.onNotification('textDocument/publishDiagnostics', () => diagnosticsCount++);
connection.onRequest('window/showMessageRequest', () => null);
connection.onRequest('workspace/configuration', () => [{}]);
connection.onRequest('client/registerCapability', () => null);
connection.listen();

const rssKb = () => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]);
  } catch {
    return NaN;
  }
};

await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(dir).toString(),
  capabilities: {},
  workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'soak' }],
});
await connection.sendNotification('initialized', {});
const openStart = Date.now();
for (const doc of documents)
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: doc.uri, languageId: 'markdown', version: 1, text: doc.text },
  });
const openMs = Date.now() - openStart;
const rssAfterOpen = rssKb();

/** Offset -> LSP position in `text` (LF only here). */
function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const stats = { sent: 0, answered: 0, cancelledSent: 0, cancelledHonoured: 0, cancelledAnsweredAnyway: 0, failed: 0, failures: new Map() };
const latencies = { 'textDocument/completion': [], 'textDocument/hover': [] };
const pending = new Set();
function request(method, params, cancel) {
  const source = new CancellationTokenSource();
  const started = performance.now();
  stats.sent++;
  if (cancel) stats.cancelledSent++;
  const promise = connection.sendRequest(method, params, source.token).then(
    () => {
      stats.answered++;
      if (cancel) stats.cancelledAnsweredAnyway++;
      latencies[method].push(performance.now() - started);
    },
    (e) => {
      if (e?.code === -32800) stats.cancelledHonoured++;
      else {
        stats.failed++;
        const key = `${method}: ${e?.code} ${String(e?.message).slice(0, 80)}`;
        stats.failures.set(key, (stats.failures.get(key) ?? 0) + 1);
      }
    },
  );
  const tracked = promise.finally(() => pending.delete(tracked));
  pending.add(tracked);
  if (cancel) setTimeout(() => source.cancel(), 1);
}

const curve = [{ edits: 0, rssMb: rssAfterOpen / 1024, elapsedS: 0, pending: 0 }];
const start = performance.now();
let requestsMade = 0;
for (let i = 0; i < EDITS; i++) {
  // A fixed cadence: edit i goes out at start + i * CADENCE_MS, however long the previous send took.
  const wait = start + i * CADENCE_MS - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const doc = documents[Math.floor(i / SWITCH_EVERY) % documents.length];
  const at = doc.text.length - 2; // typing at the end of the last paragraph
  const char = TYPED[i % TYPED.length];
  const position = positionAt(doc.text, at);
  doc.text = doc.text.slice(0, at) + char + doc.text.slice(at);
  doc.version++;
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: doc.uri, version: doc.version },
    contentChanges: [{ range: { start: position, end: position }, text: char }],
  });
  const cursor = positionAt(doc.text, at + char.length);
  if (i % 10 === 0 || i % 10 === 5) {
    const method = i % 10 === 0 ? 'textDocument/completion' : 'textDocument/hover';
    const hoverAt = positionAt(doc.text, doc.text.indexOf('[@') + 3);
    request(
      method,
      { textDocument: { uri: doc.uri }, position: method === 'textDocument/hover' ? hoverAt : cursor },
      requestsMade++ % 5 === 4,
    );
  }
  if ((i + 1) % SAMPLE_EVERY === 0)
    curve.push({ edits: i + 1, rssMb: rssKb() / 1024, elapsedS: (performance.now() - start) / 1000, pending: pending.size });
}
const sendSeconds = (performance.now() - start) / 1000;
const drainStart = performance.now();
await Promise.race([Promise.all([...pending]), new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
const drainMs = performance.now() - drainStart;
const unanswered = pending.size;
const rssEnd = rssKb();
// A last request after the storm: the server still answers.
const lastHover = await connection
  .sendRequest('textDocument/hover', {
    textDocument: { uri: documents[0].uri },
    position: positionAt(documents[0].text, documents[0].text.indexOf('[@') + 3),
  })
  .then(
    (h) => (h ? 'answered' : 'null'),
    (e) => `error ${e?.code}`,
  );
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
await new Promise((resolve) => (exited ? resolve() : server.on('exit', resolve)));

const pct = (list, p) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1) : '-';
};
const unhandled = (stderr.match(/unhandled/gi) ?? []).length + logErrors.filter((m) => /unhandled/i.test(m)).length;

console.log(
  `soak: ${DOCUMENTS} open manuscripts (${Math.round(documents.reduce((n, d) => n + d.text.length, 0) / 1024)} KB), ${EDITS} didChange events every ${CADENCE_MS} ms, node ${process.version}`,
);
console.log(
  `sent ${DOCUMENTS} didOpen in ${openMs} ms; edits sent in ${sendSeconds.toFixed(1)} s (target ${((EDITS * CADENCE_MS) / 1000).toFixed(1)} s); drained in ${drainMs.toFixed(0)} ms`,
);
console.log('\nserver RSS (MB) every 1,000 edits:');
console.log('  edits   RSS MB  elapsed s  requests in flight');
for (const p of curve)
  console.log(
    `  ${String(p.edits).padStart(5)}  ${p.rssMb.toFixed(1).padStart(7)}  ${p.elapsedS.toFixed(1).padStart(9)}  ${String(p.pending).padStart(5)}`,
  );
console.log(`  end    ${(rssEnd / 1024).toFixed(1).padStart(7)}  (after drain)`);
console.log('\nrequests:');
console.log(
  `  sent ${stats.sent} (completion ${Math.ceil(EDITS / 10)}, hover ${Math.floor((EDITS + 5) / 10)}), of which ${stats.cancelledSent} cancelled 1 ms after sending`,
);
console.log(
  `  answered ${stats.answered} (cancelled but answered anyway: ${stats.cancelledAnsweredAnyway}); cancellation honoured (RequestCancelled): ${stats.cancelledHonoured}; failed ${stats.failed}; UNANSWERED ${unanswered}`,
);
for (const [key, n] of stats.failures) console.log(`    failure x${n}: ${key}`);
console.log(
  `  latency ms  completion p50 ${pct(latencies['textDocument/completion'], 50)} p95 ${pct(latencies['textDocument/completion'], 95)} max ${pct(latencies['textDocument/completion'], 100)}; hover p50 ${pct(latencies['textDocument/hover'], 50)} p95 ${pct(latencies['textDocument/hover'], 95)} max ${pct(latencies['textDocument/hover'], 100)}`,
);
console.log(`  a hover after the soak: ${lastHover}`);
console.log(`\ndiagnostics notifications: ${diagnosticsCount}`);
console.log(
  `unhandled rejections: ${unhandled}; server error log lines: ${logErrors.length}; stderr bytes: ${stderr.length}; exit ${exited?.code ?? exited?.signal}`,
);
if (stderr) console.log(`stderr (last 1,000 chars):\n${stderr.slice(-1000)}`);
for (const m of logErrors.slice(0, 3)) console.log(`log error: ${m.slice(0, 300)}`);
rmSync(dir, { recursive: true, force: true });
process.exitCode = unanswered > 0 || unhandled > 0 || exited?.code !== 0 ? 1 : 0;
