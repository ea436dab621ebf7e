/** A manifest as read from its source, before validation: the text, a name that tells JSON from YAML, and where it came from. */
export interface PackFile {
  text: string;
  fileName: string;
  /** Stored with the installed version, e.g. `file:acme.yaml`, `npm:@acme/pack@1.2.0`, `https://…`. */
  source: string;
}
