/**
 * The outbound paths the egress-paths network-namespace test drives (every way Switchyard calls out), and
 * the targets each is sent to. Shared by the probe that runs inside the namespace and the test that judges.
 */
export const egressPaths = ['core/http step', 'core/code fetch', 'pack request', 'OAuth token call', 'pack download (URL)', 'pack download (npm)'] as const;
export type EgressPath = (typeof egressPaths)[number];

/**
 * `control`: the allow-listed loopback server, which must answer (the path works in there); the rest are
 * private targets the guard must refuse, directly or as a redirect from the allowed server.
 */
export const egressTargets = ['control', 'metadata address', '10/8', 'redirect to metadata address'] as const;
export type EgressTarget = (typeof egressTargets)[number];

export interface EgressPathOutcome {
  path: EgressPath;
  target: EgressTarget;
  /** `ok`, or the error's code (EgressError, StepError, PackSourceError) or name. */
  code: string;
  message: string;
}

export interface EgressPathsReport {
  interfaces: string[];
  outcomes: EgressPathOutcome[];
}
