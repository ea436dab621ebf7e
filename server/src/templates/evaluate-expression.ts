import type { PipeDefinition } from './pipe-definition.js';
import { pipes } from './pipes.js';
import { resolvePath } from './resolve-path.js';
import { TemplateError } from './template-error.js';
import type { TemplateExpression } from './template-part.js';
import type { TemplateScope } from './template-scope.js';

/** Resolves the path and runs the pipes; `template` is the whole string, for error reporting. */
export function evaluateExpression(expression: TemplateExpression, scope: TemplateScope, template: string): unknown {
  let value = resolvePath(scope, expression.path);
  for (const pipe of expression.pipes) {
    // The parser only admits catalogue names, so the lookup cannot miss.
    const definition = pipes.get(pipe.name) as PipeDefinition;
    if ((value === null || value === undefined) && definition.acceptsMissing !== true) continue;
    try {
      value = definition.apply(value, pipe.args);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = `pipe '${pipe.name}' failed in ${expression.source}: ${reason}`;
      throw new TemplateError('TEMPLATE_PIPE', message, template, pipe.position, pipe.name);
    }
  }
  return value;
}
