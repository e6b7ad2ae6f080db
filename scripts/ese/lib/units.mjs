// What the DLL is made of: ESE's translation units in the groups that upstream's CMake
// files build as libraries, with each group's include folders and definitions.
import { join } from 'node:path';

import { SCRIPTS } from './common.mjs';

const ENGINE = [
  'backup', 'bf', 'bt', 'callback', 'cat', 'comp', 'compression', 'cpage', 'cresmgr', 'dataserializer', 'db', 'dbbld',
  'dbdump', 'dbscan', 'dbshrink', 'dbtask', 'dbutil', 'dir', 'esedump', 'fcb', 'fcreate', 'fileopen', 'fldenum', 'fldext',
  'fldmod', 'fldnorm', 'flushmap', 'fmp', 'fucb', 'info', 'io', 'jetapi', 'kvpstore', 'logapi', 'logdiff', 'lv', 'mem',
  'node', 'old', 'pib', 'prl', 'rbsdump', 'rec', 'recupd', 'repair', 'revertsnapshot', 'scrub', 'sort', 'sortapi', 'space',
  'stats', 'sysinit', 'sysver', 'tagfld', 'taskmgr', 'tm', 'ttmap', 'upgrade', 'util', 'ver', 'std',
];
const OS = [
  'osblockcache', 'cprintf', 'config', 'dev', 'dllentry', 'edbg', 'encrypt', 'error', 'event', 'hapublish', 'library',
  'math', 'memfile', 'memory', 'memorynotification', 'norm', 'os', 'oseventtrace', 'osdiag', 'osdisk', 'osfile', 'iostats',
  'osfs', 'ostimerqueue', 'perfmon', 'reftrace', 'string', 'sysinfo', 'task', 'thread', 'time', 'trace',
];
const LOG = ['logstd', 'log', 'logutil', 'logread', 'logread_legacy', 'logredo', 'logredomap', 'logshadow', 'logstream', 'logwrite', 'logdump', 'rstmap'];
const OSU = ['checksumu', 'configu', 'encryptu', 'eventu', 'fileu', 'hapublishu', 'normu', 'osu', 'syncu', 'timeu'];

// tree: the patched source root; gen: the generated sources. A group's pch is the header
// that all its units include first (with #pragma once), compiled once, as upstream does.
export function translationUnits(tree, gen) {
  const src = join(tree, 'dev', 'ese', 'src');
  const at = (dir, names, ext = 'cxx') => names.map((name) => join(src, dir, `${name}.${ext}`));
  const groups = [
    { name: 'sync', files: at('sync', ['sync']), includes: [] },
    { name: 'dht', files: at('dht', ['dht']), includes: [] },
    { name: 'os', files: [...at('os', OS), ...at('os/winnt', ['osstd'])], includes: ['os/winnt', 'os', 'os/blockcache', 'inc/_osu'], pch: 'os/osstd_.hxx', defines: ['OS_LAYER_VIOLATIONS', 'PERFMON_SUPPORT'],
      // encrypt.cxx uses the SSE 4.2 CRC32 instruction, and sysinfo.cxx reads XCR0 with
      // _xgetbv, each after asking CPUID. Upstream builds this group for SSE 4.2 and AVX; AVX
      // is left out here so that nothing else in it depends on the processor.
      flags: ['-msse4.2', '-mxsave'] },
    { name: 'osu', files: at('ese/_osu', OSU), includes: ['ese/_osu', 'inc/_osu'], pch: 'ese/_osu/osustd.hxx', defines: ['PERFMON_SUPPORT'] },
    { name: 'log', files: at('ese/_log', LOG), includes: ['ese/_log', 'inc/_osu', 'ese'], pch: 'ese/_log/logstd.hxx', defines: ['PERFMON_SUPPORT'] },
    { name: 'errstr', files: [join(gen, 'err.cxx'), ...at('_errstr', ['errorhierarchy', 'errdata'])], includes: ['_errstr'] },
    { name: 'perfctrs', files: [join(gen, '_perfctrs', 'perfdata.cxx'), join(gen, '_perfctrs', 'perfdisp.cxx')], includes: ['_perfctrs', 'inc/_osu'] },
    { name: 'xpress', files: at('_xpress', ['xencode', 'xdecode'], 'c'), includes: ['_xpress'], language: 'c' },
    { name: 'checksum', files: at('checksum', ['checksum', 'checksum_amd64']), includes: ['checksum', 'inc/_osu'],
      // MSVC does not take and, or, xor... as operators; the checksum code has a variable named xor.
      flags: ['-msse4.2', '-fno-operator-names'] },
    { name: 'checksum_avx', files: at('checksum/avx', ['checksum_avx']), includes: ['checksum', 'inc/_osu'], flags: ['-msse4.2', '-mavx', '-fno-operator-names'] },
    // Our own glue between ESE and mingw-w64's runtime (scripts/ese/compat/).
    { name: 'compat', files: [join(SCRIPTS, 'compat', 'crtinit.c')], includes: [], language: 'c', plain: true },
    // Structured exception handling, built for the MSVC target where __try works (seh.c).
    { name: 'seh', files: [join(SCRIPTS, 'compat', 'seh.c')], includes: [], language: 'c', plain: true, msvc: true },
    { name: 'ese', files: [...at('ese', ENGINE), join(gen, 'ese', 'jetapitable.cxx')], includes: ['ese', '.', 'inc/_osu', '_xpress'], pch: 'inc/esestd.hxx', defines: ['ESE', 'PERFMON_SUPPORT'] },
  ];
  return groups.map((group) => ({
    ...group,
    includes: group.includes.map((dir) => join(src, dir)),
    pch: group.pch && join(src, group.pch),
  }));
}
