import { createContext, useContext } from 'react';
import type { Catalog, CatalogEntry } from './catalog/step-catalog';
import type { InsertionPoint } from './graph/step-edits';
import type { LocatedProblem } from './graph/problem-locations';

/** What canvas nodes need from the screen: the catalog for titles and icons, problems, and the actions. */
export interface BuilderActions {
  catalog: Catalog | undefined;
  problems: LocatedProblem[];
  selected: string | null;
  openStep: (id: string) => void;
  openTrigger: () => void;
  openPicker: (at: InsertionPoint) => void;
}

export const BuilderContext = createContext<BuilderActions | null>(null);

export function useBuilder(): BuilderActions {
  const value = useContext(BuilderContext);
  if (!value) throw new Error('useBuilder is used outside the builder screen');
  return value;
}

/** The catalog entry of a step or trigger, if the catalog has loaded and knows it. */
export function entryFor(catalog: Catalog | undefined, use: string, list: 'steps' | 'triggers'): CatalogEntry | undefined {
  const unpinned = use.replace(/@\d+$/, '');
  return catalog?.[list].find((entry) => entry.use === unpinned);
}
