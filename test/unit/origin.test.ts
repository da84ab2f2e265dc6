import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frameAncestors } from '../../src/http/origin';

describe('frameAncestors: client.allowed_origins as a CSP frame-ancestors list', () => {
  it("is 'self' alone without allowed origins, and * when every origin is allowed", () => {
    assert.equal(frameAncestors([]), "'self'");
    assert.equal(frameAncestors(['https://a.example', '*']), '*');
  });

  it('keeps exact origins, subdomain and port wildcards; leaves out what CSP cannot say', () => {
    assert.equal(
      frameAncestors(['https://App.example.com', 'https://*.example.org', 'http://localhost:*', 'http://127.0.0.1:8080', 'https://app-*.example.com', 'https://a?.example.com', '*.example.net', "https://x.example; script-src 'unsafe-inline'", 'https://x.example/path']),
      "'self' https://app.example.com https://*.example.org http://localhost:* http://127.0.0.1:8080",
    );
  });
});
