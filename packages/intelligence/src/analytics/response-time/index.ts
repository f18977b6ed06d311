export * from './classify.ts';
export * from './definition.ts';
export * from './measure.ts';
