import { createContext, useContext } from 'react';

/** The text field pills go into: the one focused last in the step panel. */
export interface PillTarget {
  label: string;
  insert: (path: string) => void;
}

export interface PillTargetState {
  target: PillTarget | null;
  setTarget: (target: PillTarget) => void;
}

export const PillTargetContext = createContext<PillTargetState>({ target: null, setTarget: () => undefined });

export const usePillTarget = (): PillTargetState => useContext(PillTargetContext);
