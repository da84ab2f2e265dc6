/**
 * Value types of the public API (src/library/index.ts) that no other module
 * defines.
 */
import type { Config } from '../config/schema';

/** Any value JSON can carry. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

type DeepPartial<T> = T extends readonly (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * The configuration of an embedded node: the keys of the server's JSON
 * configuration file, any subset (`gyre defaultconfig` prints them all with
 * their defaults; the README's reference explains each).
 */
export type GyreConfig = DeepPartial<Config>;

/** The groups of routes a node answers; an embedding application chooses which of them its server takes. */
export type RouteGroup = 'connections' | 'api' | 'health' | 'metrics' | 'admin';
