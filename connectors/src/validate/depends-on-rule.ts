import { looseKeys, looseList, looseObject, type LooseObject } from './loose.js';
import { pointer, type PackProblem } from './pack-problem.js';

/** `dynamicChoices.dependsOn` names other fields of the same form; an action's `dynamicFields.dependsOn` its static fields. */
export function dependsOnRule(manifest: LooseObject): PackProblem[] {
  return [...choicesDependOnRule(manifest), ...dynamicFieldsDependOnRule(manifest)];
}

function dynamicFieldsDependOnRule(manifest: LooseObject): PackProblem[] {
  return looseList(manifest.actions).flatMap((item, actionIndex) => {
    const action = looseObject(item);
    const keys = looseKeys(action?.input);
    return looseList(looseObject(action?.dynamicFields)?.dependsOn).flatMap((key, index) => {
      if (typeof key !== 'string' || keys.includes(key)) return [];
      const at = pointer(['actions', actionIndex, 'dynamicFields', 'dependsOn', index]);
      return [{ path: at, message: `dependsOn names "${key}", which is not an input field of this action (fields: ${keys.join(', ')})` }];
    });
  });
}

function choicesDependOnRule(manifest: LooseObject): PackProblem[] {
  const forms: { fields: unknown; path: (string | number)[] }[] = [
    { fields: looseObject(manifest.auth)?.fields, path: ['auth', 'fields'] },
    ...looseList(manifest.actions).map((action, index) => ({ fields: looseObject(action)?.input, path: ['actions', index, 'input'] })),
    ...looseList(manifest.triggers).map((trigger, index) => ({ fields: looseObject(trigger)?.input, path: ['triggers', index, 'input'] })),
  ];
  return forms.flatMap(({ fields, path }) => {
    const keys = looseKeys(fields);
    return looseList(fields).flatMap((field, fieldIndex) => {
      const self = looseObject(field)?.key;
      const dependsOn = looseList(looseObject(looseObject(field)?.dynamicChoices)?.dependsOn);
      return dependsOn.flatMap((key, index) => {
        if (typeof key !== 'string') return [];
        const at = pointer([...path, fieldIndex, 'dynamicChoices', 'dependsOn', index]);
        if (key === self) return [{ path: at, message: `a field cannot depend on itself ("${key}")` }];
        if (keys.includes(key)) return [];
        return [{ path: at, message: `dependsOn names "${key}", which is not a field of this form (fields: ${keys.join(', ')})` }];
      });
    });
  });
}
