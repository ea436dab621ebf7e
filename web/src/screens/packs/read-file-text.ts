/** The text of a file the user picked, with its name (the server tells YAML from JSON by the extension). */
export async function readFileText(file: File): Promise<{ text: string; fileName: string }> {
  return { text: await file.text(), fileName: file.name };
}
