// The data facade's objects point both ways: a session opens databases, a database opens
// tables, and each of them knows its session. Their modules import one way only
// (session.ts -> database.ts -> table.ts); the type of the way back is found here instead:
// session.ts enters its Session class into FacadeLinks (a module augmentation), and
// database.ts and table.ts name it LinkedSession without importing session.ts.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FacadeLinks {}

/** The Session class, as session.ts enters it. */
export type LinkedSession = FacadeLinks extends { readonly session: infer S } ? S : never;
