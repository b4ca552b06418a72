/** The rehabilitation family's rules (issue 11): codes, the law as data, and pure functions over it. */
export * from './codes';
export * from './rules';
export * from './logic';
