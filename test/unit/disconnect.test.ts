/** How a refused connect reaches a unidirectional client: the disconnect its error maps to (disconnect.ts `refusedConnect`). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { refusedConnect } from '../../src/disconnect';
import { ClientError, Errors } from '../../src/errors';

it('maps connect errors to the disconnects Centrifugo sends, and never tells a client to retry a permanent refusal', () => {
  const cases: [ClientError, number, boolean][] = [
    [Errors.tokenExpired, 3005, true],
    [Errors.expired, 3005, true],
    [Errors.tooManyRequests, 3013, true],
    [Errors.permissionDenied, 3507, false],
    [Errors.internal, 3004, true],
    [new ClientError(1000, 'backend busy', true), 3004, true],
    [Errors.unknownChannel, 3501, false],
    [new ClientError(1000, 'not your account'), 3501, false],
  ];
  for (const [err, code, reconnect] of cases) {
    const d = refusedConnect(err);
    assert.equal(d.code, code, `${err.code}`);
    assert.equal(d.reconnect, reconnect, `${err.code}`);
  }
});
