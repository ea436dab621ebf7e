/** A recipe file that could not be read, with where the problem is when the parser knows. */
export class RecipeFileError extends Error {}

const yamlName = /\.ya?ml$/i;

/**
 * Parses a recipe file by its name: `.yaml`/`.yml` as YAML (the parser is loaded only then, so it stays out of the
 * first load), anything else as JSON. Problems name the line and column.
 */
export async function parseRecipeFile(fileName: string, text: string): Promise<unknown> {
  if (yamlName.test(fileName)) {
    const { parse, YAMLParseError } = await import('yaml');
    try {
      return parse(text);
    } catch (error) {
      if (!(error instanceof YAMLParseError)) throw error;
      const at = error.linePos?.[0];
      // The pretty message repeats the position and quotes the source; the first part says what is wrong.
      const what = error.message.split(/ at line \d+/)[0];
      throw new RecipeFileError(`The file is not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${what}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RecipeFileError(`The file is not JSON: ${jsonProblem(text, error)}`);
  }
}

/** JSON.parse reports a character offset ("at position 12"); people look for lines and columns. */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1])).split('\n');
  return `${message.replace(/ in JSON at position \d+.*$| at position \d+.*$/, '')} (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}
