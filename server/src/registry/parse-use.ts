/** A step's or trigger's `use`: `pack/key`, optionally pinned to a major version (`pack/key@2`). */
export interface ParsedUse {
  packId: string;
  key: string;
  major?: number | undefined;
}

const usePattern = /^([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)(?:@(\d+))?$/;

export function parseUse(use: string): ParsedUse | undefined {
  const match = usePattern.exec(use);
  if (!match) return undefined;
  return { packId: match[1]!, key: match[2]!, major: match[3] === undefined ? undefined : Number(match[3]) };
}

/** `use` pinned to `major`, replacing any pin it had. */
export function pinUse(use: string, major: number): string {
  const parsed = parseUse(use);
  return parsed ? `${parsed.packId}/${parsed.key}@${major}` : use;
}
