/**
 * Kept so that `import … from '../report/formats.js'` goes on working: the formats now live one per file, with
 * {@link ./index.ts} as their index.
 */
export * from './index.js';
