// `jet`: the raw, synchronous Jet API (see jet-types.ts for the conventions).
import { native } from './native.js';
import type { JetApi } from './jet-types.js';

export type { JetApi, JetErrorInfo, JetSystemParameterValue } from './jet-types.js';

export const jet: JetApi = Object.freeze({ ...native.jet });
