export * from './audit.js';
export * from './problem.js';
export * from './recipe-definition.js';
export * from './recipe.js';
export * from './run.js';
export * from './connection.js';
export * from './pack.js';
