export { parseTemplate } from './parse-template.js';
export { renderTemplate, type RenderOptions } from './render-template.js';
export { resolvePath } from './resolve-path.js';
export { pipes } from './pipes.js';
export type { PipeArgKind, PipeDefinition } from './pipe-definition.js';
export { TemplateError, type TemplateErrorCode } from './template-error.js';
export type { PipeArg, TemplateExpression, TemplatePart, TemplatePipe, TemplateText } from './template-part.js';
export {
  templateReferences,
  validateTemplates,
  type TemplateProblem,
  type TemplateReference,
} from './template-references.js';
export type { TemplateScope } from './template-scope.js';
