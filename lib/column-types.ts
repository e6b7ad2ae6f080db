// The ESE column types, once: the facade's name of each, its JET_coltyp value and ESE name,
// and the byte size of the fixed-size ones. column-values.ts (the converters), schema.ts
// (the facade's schemas) and row-codec.ts (rows on the wire) all read this table.

import {
  JET_coltypBinary,
  JET_coltypBit,
  JET_coltypCurrency,
  JET_coltypDateTime,
  JET_coltypGUID,
  JET_coltypIEEEDouble,
  JET_coltypIEEESingle,
  JET_coltypLong,
  JET_coltypLongBinary,
  JET_coltypLongLong,
  JET_coltypLongText,
  JET_coltypShort,
  JET_coltypText,
  JET_coltypUnsignedByte,
  JET_coltypUnsignedLong,
  JET_coltypUnsignedLongLong,
  JET_coltypUnsignedShort,
} from './constants.js';

/** The ESE column types, by the facade's names. */
export type ColumnTypeName =
  | 'bit'
  | 'unsignedByte'
  | 'short'
  | 'unsignedShort'
  | 'long'
  | 'unsignedLong'
  | 'longLong'
  | 'unsignedLongLong'
  | 'currency'
  | 'ieeeSingle'
  | 'ieeeDouble'
  | 'dateTime'
  | 'guid'
  | 'binary'
  | 'text'
  | 'longBinary'
  | 'longText';

export interface ColumnType {
  readonly name: ColumnTypeName;
  readonly coltyp: number;
  /** 'JET_coltypLong', for messages. */
  readonly jetName: string;
  /** Bytes of every value of a fixed-size type; 0 for text and binary types. */
  readonly size: number;
}

function type(name: ColumnTypeName, coltyp: number, jetName: string, size: number): ColumnType {
  return Object.freeze({ name, coltyp, jetName, size });
}

/** Every column type, by the facade's name. */
export const COLUMN_TYPES: Readonly<Record<ColumnTypeName, ColumnType>> = Object.freeze({
  bit: type('bit', JET_coltypBit, 'JET_coltypBit', 1),
  unsignedByte: type('unsignedByte', JET_coltypUnsignedByte, 'JET_coltypUnsignedByte', 1),
  short: type('short', JET_coltypShort, 'JET_coltypShort', 2),
  unsignedShort: type('unsignedShort', JET_coltypUnsignedShort, 'JET_coltypUnsignedShort', 2),
  long: type('long', JET_coltypLong, 'JET_coltypLong', 4),
  unsignedLong: type('unsignedLong', JET_coltypUnsignedLong, 'JET_coltypUnsignedLong', 4),
  longLong: type('longLong', JET_coltypLongLong, 'JET_coltypLongLong', 8),
  unsignedLongLong: type('unsignedLongLong', JET_coltypUnsignedLongLong, 'JET_coltypUnsignedLongLong', 8),
  currency: type('currency', JET_coltypCurrency, 'JET_coltypCurrency', 8),
  ieeeSingle: type('ieeeSingle', JET_coltypIEEESingle, 'JET_coltypIEEESingle', 4),
  ieeeDouble: type('ieeeDouble', JET_coltypIEEEDouble, 'JET_coltypIEEEDouble', 8),
  dateTime: type('dateTime', JET_coltypDateTime, 'JET_coltypDateTime', 8),
  guid: type('guid', JET_coltypGUID, 'JET_coltypGUID', 16),
  binary: type('binary', JET_coltypBinary, 'JET_coltypBinary', 0),
  text: type('text', JET_coltypText, 'JET_coltypText', 0),
  longBinary: type('longBinary', JET_coltypLongBinary, 'JET_coltypLongBinary', 0),
  longText: type('longText', JET_coltypLongText, 'JET_coltypLongText', 0),
});

const BY_COLTYP = new Map<number, ColumnType>(Object.values(COLUMN_TYPES).map((t) => [t.coltyp, t]));

/** The column type with JET_coltyp value `coltyp`, if ESE has one. */
export function columnTypeOf(coltyp: number): ColumnType | undefined {
  return BY_COLTYP.get(coltyp);
}
