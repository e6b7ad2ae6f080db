// The sources that ESE's own build generates: perl scripts run as upstream runs them, the
// event message header compiled with Wine's wmc instead of mc.exe, and a no-op header in
// place of the ETW provider header that `mc -um` would make (the DLL registers no ETW
// provider; ESE's event tracing calls become nothing).
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { fail, run } from './common.mjs';
import { listFiles } from './source.mjs';

// Writes a file only when its content changes, so that dependent objects stay up to date.
export function writeIfChanged(file, content) {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return false;
  writeFileSync(file, content);
  return true;
}

// Runs a generator into a scratch file, then keeps its output only if it differs.
function generated(out, produce) {
  const scratch = `${out}.new`;
  produce(scratch);
  writeIfChanged(out, readFileSync(scratch, 'utf8'));
  rmSync(scratch);
}

export function generateSources(tree, gen, flavour) {
  const ese = join(tree, 'dev', 'ese');
  const src = join(ese, 'src');
  const jethdr = join(ese, 'published', 'inc', 'jethdr.w');
  for (const dir of ['ese', '_perfctrs', '_res', '_etw', 'jet']) mkdirSync(join(gen, dir), { recursive: true });

  generated(join(gen, 'ese', 'jetapitable.cxx'), (out) =>
    run('perl', [join(src, 'ese', 'genapitable.pl'), join(src, 'inc', '_jet.hxx'), out]));
  generated(join(gen, 'err.cxx'), (out) =>
    run('perl', [join(src, '_errstr', 'err.pl'), jethdr, out], { cwd: join(src, '_errstr') }));
  generated(join(gen, '_tracetagimpl.h'), (out) =>
    run('perl', [join(src, 'os', 'gentracetagimpl.pl'), jethdr, out]));

  // perfdata.pl writes four files into a folder named by a prefix ending in a slash.
  const perfScratch = join(gen, '_perfctrs', 'scratch');
  mkdirSync(perfScratch, { recursive: true });
  run('perl', [join(src, '_perfctrs', 'perfdata.pl'), flavour.module, `${perfScratch}/`, 'eseperf.hxx', 'eseperf.ini',
    join(src, '_perfctrs', 'perfdata.txt'), flavour.module]);
  for (const name of ['eseperf.hxx', 'perfdata.cxx', 'perfdisp.cxx']) {
    writeIfChanged(join(gen, '_perfctrs', name), readFileSync(join(perfScratch, name), 'utf8'));
  }

  // jet.h includes eseex_x.h, which upstream copies from jethdr.w.
  writeIfChanged(join(gen, 'jet', 'eseex_x.h'), readFileSync(jethdr, 'utf8'));

  // Event messages: jetmsg.mc is ESENT's, fixmc.pl makes ESE's jetmsgex.mc from it; both
  // headers are included by the block cache.
  const jetmsg = join(src, '_res', 'jetmsg.mc');
  const jetmsgex = join(gen, '_res', 'jetmsgex.mc');
  generated(jetmsgex, (out) => run('perl', [join(src, '_res', 'fixmc.pl'), jetmsg, out]));
  messageHeader(jetmsg, join(gen, '_res', 'jetmsg.h'));
  messageHeader(jetmsgex, join(gen, '_res', 'jetmsgex.h'));

  const manifest = join(gen, '_etw', 'Microsoft-ETW-ESE.man');
  generated(manifest, (out) => run('perl', [join(src, '_etw', 'genetw.pl'), flavour.module, join(src, '_etw', 'Microsoft-ETW-ESE.mc'),
    jethdr, join(src, 'inc', '_jet.hxx'), join(ese, 'published', 'inc', 'tcconst.hxx'), join(src, 'inc', 'logapi.hxx'), out]));
  writeIfChanged(join(gen, '_etw', 'Microsoft-ETW-ESE.h'), etwNoOpHeader(readFileSync(manifest, 'utf8')));
  writeIfChanged(join(gen, 'esent_sal_noop.h'), salNoOpHeader(ese));
  includeShims(ese, join(gen, 'include-shim'));
}

const SOURCE_FOLDERS = ['published', 'src/inc', 'src/sync', 'src/os', 'src/ese', 'src/_errstr', 'src/_xpress', 'src/checksum', 'src/dht', 'src/_perfctrs'];
const SYSTEM_INCLUDES = ['/usr/x86_64-w64-mingw32/include'];

function* sourceFiles(ese) {
  for (const folder of SOURCE_FOLDERS) {
    for (const file of listFiles(join(ese, folder))) {
      if (/\.(cxx|hxx|h|c)$/.test(file)) yield join(ese, folder, file);
    }
  }
}

// Windows' file system ignores case and takes backslashes, and ESE's #include lines rely on
// both, and MSVC ignores spaces around a name in <>. For each included name that does not exist as spelled, a link with that exact
// spelling (a backslash is a plain character in a Linux file name) is made in one folder on
// the include path, pointing at the one file it means.
function includeShims(ese, shim) {
  const byName = new Map();
  const index = (path) => {
    const key = basename(path).toLowerCase();
    if (!byName.has(key)) byName.set(key, []);
    byName.get(key).push(path);
  };
  for (const file of listFiles(ese)) index(join(ese, file));
  for (const dir of SYSTEM_INCLUDES) for (const file of listFiles(dir)) index(join(dir, file));

  const wanted = new Map();
  for (const file of sourceFiles(ese)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s*#\s*include\s*[<"]([^>"]+)[>"]/gm)) {
      const name = match[1];
      const spelled = name.trim().replace(/\\/g, '/').replace(/^(\.\.?\/)+/, '');
      const candidates = (byName.get(basename(spelled).toLowerCase()) ?? []).filter((path) =>
        path.toLowerCase().endsWith(`/${spelled.toLowerCase()}`));
      if (!candidates.length) continue;
      if (name === name.trim() && !name.includes('\\') && candidates.some((path) => path.endsWith(`/${spelled}`))) continue;
      const sameFolder = candidates.find((path) => path.startsWith(dirname(file)));
      wanted.set(name, sameFolder ?? candidates[0]);
    }
  }
  rmSync(shim, { recursive: true, force: true });
  for (const [name, target] of wanted) {
    const link = join(shim, name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link);
  }
  return wanted.size;
}

// SAL annotations: MSVC's sal.h knows more of them than mingw-w64's. Every annotation-shaped
// name that ESE's source uses becomes an empty macro unless a header defined it already.
const SAL_NAME = new RegExp(
  '\\b(__(?:in|out|inout|deref|ecount|bcount|xcount|range|format_string|nullterminated|success|analysis|fallthrough)' +
    '(?:_[A-Za-z0-9_]*)?|_(?:In|Out|Inout|Deref|Ret|Pre|Post|When|Success|Check|Field|Outptr|Null|Reserved|At|Always|' +
    'Curr|Function|Return|Printf|Use|Must|Notnull|Maybenull|Readable|Writable|Analysis|Frees|Acquires|Releases|Requires|' +
    'Guarded|Interlocked|Benign|Const|Points|Strict|Translates|Literal|Notref|Notvalid|Valid|Satisfies|Unchanged)' +
    '_(?:[A-Za-z0-9_]*_)?)\\b(\\s*\\()?',
  'g',
);

function salNoOpHeader(ese) {
  const seen = new Map();
  for (const file of sourceFiles(ese)) {
    for (const match of readFileSync(file, 'utf8').matchAll(SAL_NAME)) {
      seen.set(match[1], seen.get(match[1]) || Boolean(match[2]));
    }
  }
  const lines = [
    '// Generated by scripts/ese: empty definitions of the SAL annotations that ESE uses and',
    "// mingw-w64's headers lack. Annotations only inform static analysis.",
    '#pragma once',
  ];
  for (const [name, functionLike] of [...seen].sort()) {
    lines.push(`#ifndef ${name}`, functionLike ? `#define ${name}(...)` : `#define ${name}`, '#endif');
  }
  return `${lines.join('\n')}\n`;
}

// wmc reads the .mc files after two changes that keep their meaning: "MessageId" is a
// keyword to wmc, so the typedef is named DWORD (which is what ESE's MessageId is), and a
// message with an empty body gets a single space.
function messageHeader(mcFile, header) {
  const text = readFileSync(mcFile, 'utf8')
    .replace(/^MessageIdTypedef=MessageId\s*$/m, 'MessageIdTypedef=DWORD')
    .replace(/^(Language=\w+\r?\n)\.(\r?\n)/gm, '$1 \n.$2');
  const scratch = `${header}.mc`;
  writeFileSync(scratch, text);
  const out = `${header}.new`;
  // wmc also writes the message table (<language name>.bin) into its working folder.
  run('wmc', ['-H', out, '-o', `${header}.rc`, scratch], { cwd: dirname(header) });
  writeIfChanged(header, readFileSync(out, 'utf8'));
  for (const file of [scratch, out, `${header}.rc`]) rmSync(file, { force: true });
}

function etwNoOpHeader(manifest) {
  const events = [...manifest.matchAll(/<event\b[^>]*?\bsymbol="([A-Za-z_0-9]+)"/g)].map((m) => m[1]);
  if (events.length < 100) fail(`the ETW manifest lists ${events.length} events; expected over 100`);
  const lines = [
    '// Generated by scripts/ese: stands in for the header that `mc -um` makes from the ETW',
    '// manifest. No provider is registered and every event write does nothing.',
    '#pragma once',
    '#include <wmistr.h>',
    '#include <evntrace.h>',
    '#include <evntprov.h>',
    'typedef struct _MCGEN_TRACE_CONTEXT { ULONGLONG RegistrationHandle; ULONG IsEnabled; UCHAR Level; ULONGLONG MatchAnyKeyword; ULONGLONG MatchAllKeyword; } MCGEN_TRACE_CONTEXT;',
    'static MCGEN_TRACE_CONTEXT Microsoft_Windows_ESE_Context;',
    'static MCGEN_TRACE_CONTEXT Microsoft_Exchange_ESE_Context;',
    '#define MCGEN_ENABLE_CHECK(Context, Descriptor) ((void)(Context), 0)',
    'static inline ULONG EventRegisterMicrosoft_Windows_ESE(void) { return 0; }',
    'static inline ULONG EventUnregisterMicrosoft_Windows_ESE(void) { return 0; }',
    'static inline ULONG EventRegisterMicrosoft_Exchange_ESE(void) { return 0; }',
    'static inline ULONG EventUnregisterMicrosoft_Exchange_ESE(void) { return 0; }',
  ];
  for (const event of events) lines.push(`#define EventWrite${event}(...) ((ULONG)0)`);
  return `${lines.join('\n')}\n`;
}
