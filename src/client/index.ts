/**
 * `quantflow/client`: typed clients of a QuantFlow server for scripts and other tools — the REST
 * API ({@link QuantflowClient}) and the WebSocket stream ({@link StreamClient}). They import
 * nothing of the engine.
 */
export * from './rest-client.js';
export * from './stream-client.js';
export type * from './stream-protocol.js';
