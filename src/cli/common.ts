/**
 * What the command modules share: the answers that end a command with exit 1
 * and one line on stderr, and the parsed flags' shape.
 */
import type { ParseArgsConfig } from 'node:util';

/** A refusal meant for the person at the terminal: printed as `gyre: <message>`, one line, exit 1. */
export class CliError extends Error {}

/** The command line itself is wrong (unknown command or flag, missing value). */
export class UsageError extends CliError {}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

export const str = (values: Values, name: string): string | undefined => values[name] as string | undefined;
