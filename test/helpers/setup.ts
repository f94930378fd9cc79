// Property tests draw their cases from a fixed seed, so a run is repeatable like everything
// else here (a failure names its seed and path either way; FC_SEED overrides to explore).
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261127) });
