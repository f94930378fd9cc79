export { JobError, type PoolOptions, type PoolTask, WorkerPool, withTransfer } from './pool.ts';
export { type ParallelOptions, propagateSgp4Parallel } from './sgp4-parallel.ts';
export { type Sgp4ChunkArgs, type SharedStateBuffers, propagateSgp4Chunk } from './jobs/sgp4-chunk.ts';
export { type CoverageParallelOptions, computeCoverageParallel } from './coverage-parallel.ts';
