// Error classes for failed JET calls.
//
// The class tree mirrors ESE's JET_ERRCAT hierarchy:
//
//   EsentError                      (category Error, the root)
//   ├─ EsentOperationError
//   │  ├─ EsentFatalError
//   │  ├─ EsentIOError
//   │  └─ EsentResourceError
//   │     ├─ EsentMemoryError
//   │     ├─ EsentQuotaError
//   │     └─ EsentDiskError
//   ├─ EsentDataError
//   │  ├─ EsentCorruptionError
//   │  ├─ EsentInconsistentError
//   │  └─ EsentFragmentationError
//   └─ EsentApiError
//      ├─ EsentUsageError
//      ├─ EsentStateError
//      └─ EsentObsoleteError
//
// Every current failure code has a concrete class of its own (classes.g.ts), extending the
// class of its leaf category. The category classes are abstract; EsentError.from is the
// way to turn a JET_ERR value into an error object.
//
// Import the error module through './index.js' (or the package root): that loads
// classes.g.ts, which registers the concrete classes with EsentError.from. Importing only
// this file still gives working errors, but without the per-code classes.

import { jetCodeInfo, type JetCodeInfo, type JetErrorCategoryName } from './codes.g.js';

/** Category name, as ESE spells it: a JET_ERRCAT value without its 'errcat' prefix. */
export type EsentErrorCategory = JetErrorCategoryName;

/** Category names indexed by their JET_ERRCAT number (Unknown = 0 ... Obsolete = 16). */
export const ERROR_CATEGORY_NAMES: readonly EsentErrorCategory[] = Object.freeze([
  'Unknown',
  'Error',
  'Operation',
  'Fatal',
  'IO',
  'Resource',
  'Memory',
  'Quota',
  'Disk',
  'Data',
  'Corruption',
  'Inconsistent',
  'Fragmentation',
  'Api',
  'Usage',
  'State',
  'Obsolete',
] as const);

const CATEGORY_SET: ReadonlySet<string> = new Set(ERROR_CATEGORY_NAMES);

/**
 * Works out the category of a code this module does not know (for instance one added by a
 * newer ESENT.dll). Returns a JET_ERRCAT number, a category name, or undefined when it
 * cannot tell.
 */
export type CategoryResolver = (errno: number) => number | string | undefined | null;

/** A concrete per-code error class, as generated in classes.g.ts. */
export interface EsentErrorClass {
  new (operation?: string): EsentError;
  readonly errno: number;
  readonly code: string;
}

let categoryResolver: CategoryResolver | undefined;
let concreteClasses: ReadonlyMap<number, EsentErrorClass> | undefined;

/**
 * Installs the resolver EsentError.from consults for codes missing from the table, or
 * removes it (pass undefined). Returns the previous resolver. The native layer backs this
 * with JetGetErrorInfoW. A resolver that throws, or answers something that is not a
 * category, counts as "unknown".
 */
export function registerCategoryResolver(resolver: CategoryResolver | undefined | null): CategoryResolver | undefined {
  if (resolver != null && typeof resolver !== 'function') {
    throw new TypeError('registerCategoryResolver expects a function or undefined');
  }
  const previous = categoryResolver;
  categoryResolver = resolver ?? undefined;
  return previous;
}

/** @internal Called by classes.g.ts when it loads. */
export function registerErrorClasses(classes: ReadonlyMap<number, EsentErrorClass>): void {
  concreteClasses = classes;
}

/** @internal Gives a class's instances a fixed `name`, independent of minification. */
export function nameClass(cls: { readonly prototype: object }, name: string): void {
  Object.defineProperty(cls.prototype, 'name', {
    value: name,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

function toCategoryName(answer: unknown): EsentErrorCategory {
  if (typeof answer === 'number') {
    if (Number.isInteger(answer) && answer >= 0 && answer < ERROR_CATEGORY_NAMES.length) {
      return ERROR_CATEGORY_NAMES[answer] ?? 'Unknown';
    }
    return 'Unknown';
  }
  if (typeof answer === 'string' && CATEGORY_SET.has(answer)) {
    return answer as EsentErrorCategory;
  }
  return 'Unknown';
}

function resolveUnknownCategory(errno: number): EsentErrorCategory {
  const resolver = categoryResolver;
  if (resolver === undefined) return 'Unknown';
  let answer: unknown;
  try {
    answer = resolver(errno);
  } catch {
    return 'Unknown';
  }
  return toCategoryName(answer);
}

/** The `code` given to a value missing from the table: 'JET_err' followed by the number. */
function unknownCode(errno: number): string {
  return `JET_err${errno}`;
}

function formatMessage(operation: string, code: string, errno: number, category: string): string {
  const detail = `${code} (${errno}, category ${category})`;
  return operation === '' ? `ESE call failed with ${detail}` : `${operation} failed with ${detail}`;
}

const INT32_MIN = -2147483648;

/**
 * A failed JET call. Every instance is of a more specific class when the code is known:
 * the code's own class (e.g. EsentOutOfMemoryError), or a category class for retired codes
 * and for unknown codes whose category could be resolved.
 */
export class EsentError extends Error {
  /** The JET_ERR value (negative). */
  readonly errno: number;
  /**
   * The ESE symbol of the code, e.g. 'JET_errSessionSharingViolation'. A value missing from
   * the table gets 'JET_err' followed by the number, e.g. 'JET_err-12345'; the '-' makes
   * such a name impossible to confuse with a real symbol.
   */
  readonly code: string;
  /**
   * Leaf category, spelled as in ESE ('Usage', 'Memory', ...). 'Obsolete' for retired
   * codes; 'Unknown' for an unknown code whose category could not be resolved.
   */
  readonly category: EsentErrorCategory;
  /** The Jet function that failed, e.g. 'JetSetSessionContext'; '' when not given. */
  readonly operation: string;

  protected constructor(errno: number, code: string, category: EsentErrorCategory, operation?: string) {
    const op = operation ?? '';
    super(formatMessage(op, code, errno, category));
    this.errno = errno;
    this.code = code;
    this.category = category;
    this.operation = op;
  }

  /**
   * The error object for a failure code: an instance of the code's own class when it has
   * one. Retired codes give an EsentObsoleteError. Unknown codes are categorised by the
   * registered resolver (see registerCategoryResolver) and give an instance of that
   * category's class, or a plain EsentError with category 'Unknown'.
   *
   * @throws RangeError if `errno` is not a negative 32-bit integer (0 is success, positive
   *   values are warnings: neither is an error).
   */
  static from(errno: number, operation?: string): EsentError {
    if (!Number.isInteger(errno) || errno >= 0 || errno < INT32_MIN) {
      throw new RangeError(
        `EsentError.from expects a negative 32-bit integer JET_ERR value, got ${String(errno)}`,
      );
    }
    const Concrete = concreteClasses?.get(errno);
    if (Concrete !== undefined) return new Concrete(operation);

    const info = jetCodeInfo(errno);
    if (info !== undefined) {
      if (info.status === 'OBSOLETE') return new ObsoleteErrorOfCode(errno, info.symbol, 'Obsolete', operation);
      return EsentError.ofCategory(errno, info.symbol, info.category, operation);
    }
    return EsentError.ofCategory(errno, unknownCode(errno), resolveUnknownCategory(errno), operation);
  }

  private static ofCategory(
    errno: number,
    code: string,
    category: EsentErrorCategory,
    operation: string | undefined,
  ): EsentError {
    const Impl = categoryImpls.get(category);
    if (Impl !== undefined) return new Impl(errno, code, category, operation);
    return new EsentError(errno, code, category, operation);
  }

  static {
    nameClass(this, 'EsentError');
  }
}

/** Failure of the operation itself rather than misuse or bad data (JET_errcatOperation). */
export abstract class EsentOperationError extends EsentError {
  declare readonly category: 'Operation' | 'Fatal' | 'IO' | 'Resource' | 'Memory' | 'Quota' | 'Disk';
  static {
    nameClass(this, 'EsentOperationError');
  }
}

/** The instance can no longer work and must be restarted (JET_errcatFatal). */
export abstract class EsentFatalError extends EsentOperationError {
  declare readonly category: 'Fatal';
  static {
    nameClass(this, 'EsentFatalError');
  }
}

/** An I/O operation failed (JET_errcatIO). */
export abstract class EsentIOError extends EsentOperationError {
  declare readonly category: 'IO';
  static {
    nameClass(this, 'EsentIOError');
  }
}

/** A resource ran out; the call may succeed later (JET_errcatResource). */
export abstract class EsentResourceError extends EsentOperationError {
  declare readonly category: 'Resource' | 'Memory' | 'Quota' | 'Disk';
  static {
    nameClass(this, 'EsentResourceError');
  }
}

/** Out of memory or a memory-like resource (JET_errcatMemory). */
export abstract class EsentMemoryError extends EsentResourceError {
  declare readonly category: 'Memory';
  static {
    nameClass(this, 'EsentMemoryError');
  }
}

/** A configured limit was reached (JET_errcatQuota). */
export abstract class EsentQuotaError extends EsentResourceError {
  declare readonly category: 'Quota';
  static {
    nameClass(this, 'EsentQuotaError');
  }
}

/** Out of disk space (JET_errcatDisk). */
export abstract class EsentDiskError extends EsentResourceError {
  declare readonly category: 'Disk';
  static {
    nameClass(this, 'EsentDiskError');
  }
}

/** Something is wrong with the stored data (JET_errcatData). */
export abstract class EsentDataError extends EsentError {
  declare readonly category: 'Data' | 'Corruption' | 'Inconsistent' | 'Fragmentation';
  static {
    nameClass(this, 'EsentDataError');
  }
}

/** The data is corrupt (JET_errcatCorruption). */
export abstract class EsentCorruptionError extends EsentDataError {
  declare readonly category: 'Corruption';
  static {
    nameClass(this, 'EsentCorruptionError');
  }
}

/** Files do not belong together or were not shut down cleanly (JET_errcatInconsistent). */
export abstract class EsentInconsistentError extends EsentDataError {
  declare readonly category: 'Inconsistent';
  static {
    nameClass(this, 'EsentInconsistentError');
  }
}

/** A data structure is too fragmented or too large (JET_errcatFragmentation). */
export abstract class EsentFragmentationError extends EsentDataError {
  declare readonly category: 'Fragmentation';
  static {
    nameClass(this, 'EsentFragmentationError');
  }
}

/** The API was called incorrectly (JET_errcatApi). */
export abstract class EsentApiError extends EsentError {
  declare readonly category: 'Api' | 'Usage' | 'State' | 'Obsolete';
  static {
    nameClass(this, 'EsentApiError');
  }
}

/** Bad arguments or an unsupported use (JET_errcatUsage). */
export abstract class EsentUsageError extends EsentApiError {
  declare readonly category: 'Usage';
  static {
    nameClass(this, 'EsentUsageError');
  }
}

/** The call is not valid in the current state (JET_errcatState). */
export abstract class EsentStateError extends EsentApiError {
  declare readonly category: 'State';
  static {
    nameClass(this, 'EsentStateError');
  }
}

/** A retired code that current ESE no longer returns (JET_errcatObsolete). */
export abstract class EsentObsoleteError extends EsentApiError {
  declare readonly category: 'Obsolete';
  static {
    nameClass(this, 'EsentObsoleteError');
  }
}

// Concrete forms of the abstract category classes, for codes without a class of their own.
// Each takes its category class's name, so users only ever see the public names.

type CategoryImpl = new (
  errno: number,
  code: string,
  category: EsentErrorCategory,
  operation: string | undefined,
) => EsentError;

function concreteOf(Base: { readonly prototype: EsentError }, name: string): CategoryImpl {
  // The category classes are abstract only to TypeScript; at run time they are ordinary
  // classes whose constructor is EsentError's, so a plain subclass is enough.
  const Impl = class extends (Base as CategoryImpl) {};
  nameClass(Impl, name);
  return Impl;
}

const ObsoleteErrorOfCode = concreteOf(EsentObsoleteError, 'EsentObsoleteError');

const categoryImpls: ReadonlyMap<EsentErrorCategory, CategoryImpl> = new Map<EsentErrorCategory, CategoryImpl>([
  ['Operation', concreteOf(EsentOperationError, 'EsentOperationError')],
  ['Fatal', concreteOf(EsentFatalError, 'EsentFatalError')],
  ['IO', concreteOf(EsentIOError, 'EsentIOError')],
  ['Resource', concreteOf(EsentResourceError, 'EsentResourceError')],
  ['Memory', concreteOf(EsentMemoryError, 'EsentMemoryError')],
  ['Quota', concreteOf(EsentQuotaError, 'EsentQuotaError')],
  ['Disk', concreteOf(EsentDiskError, 'EsentDiskError')],
  ['Data', concreteOf(EsentDataError, 'EsentDataError')],
  ['Corruption', concreteOf(EsentCorruptionError, 'EsentCorruptionError')],
  ['Inconsistent', concreteOf(EsentInconsistentError, 'EsentInconsistentError')],
  ['Fragmentation', concreteOf(EsentFragmentationError, 'EsentFragmentationError')],
  ['Api', concreteOf(EsentApiError, 'EsentApiError')],
  ['Usage', concreteOf(EsentUsageError, 'EsentUsageError')],
  ['State', concreteOf(EsentStateError, 'EsentStateError')],
  ['Obsolete', ObsoleteErrorOfCode],
]);

/**
 * The category an EsentError for this value carries: 'Obsolete' for a retired code, the
 * table's category for any other known code (warnings and success included), otherwise
 * the registered resolver's answer, or 'Unknown'.
 */
export function categoryOf(errno: number): EsentErrorCategory {
  if (!Number.isInteger(errno)) return 'Unknown';
  const info = jetCodeInfo(errno);
  if (info !== undefined) return info.status === 'OBSOLETE' ? 'Obsolete' : info.category;
  return resolveUnknownCategory(errno);
}

/**
 * The table row for a value (symbol, kind, status, and the category as ESE records it),
 * or undefined for a value that is not a known code.
 */
export function describeError(errno: number): JetCodeInfo | undefined {
  return jetCodeInfo(errno);
}
