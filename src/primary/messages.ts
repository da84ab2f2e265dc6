/** IPC between the primary and its workers: typed unions, nothing else crosses. */
export type PrimaryMessage = { type: 'shutdown' };
export type WorkerMessage = { type: 'ready' } | { type: 'fatal'; message: string };
