/** The typed messages a run yields, in order: the CLI draws a progress bar from them, a server can stream them. */
export type StageName = 'propagate' | 'threats' | 'visibility' | 'coverage' | 'reports' | 'tracking' | 'downlink' | 'outputs';

export type RunMessage =
  | { readonly type: 'stage-start'; readonly stage: StageName; readonly detail: string }
  | { readonly type: 'progress'; readonly stage: StageName; readonly done: number; readonly total: number }
  | { readonly type: 'stage-end'; readonly stage: StageName; readonly seconds: number };
