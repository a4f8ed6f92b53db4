/**
 * zod for every module that builds schemas (`import * as z from '../base/zod'`; a lint rule
 * holds them to it): its setting (zodSetup) is in force before the first schema is built,
 * whatever order the modules load in. A re-export of zod's own names, so that a bundle
 * still keeps only the parts of zod it uses.
 */
import './zodSetup';

// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- the one place the rest of the code gets zod from
export * from 'zod';
