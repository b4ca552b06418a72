export * from './offences';
export * from './severity';
export * from './deadlines';
export * from './catalog';
export * from './states';
