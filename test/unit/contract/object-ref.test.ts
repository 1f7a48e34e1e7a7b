// Object ids and names go into the Engine API's request path: what cannot travel there is refused, naming the field.
import { describe, expect, it } from 'vitest';
import { objectRef } from '../../../src-main/contract/methods/common';

describe('objectRef', () => {
  it.each([
    // The random-arguments run's counterexample: Node's http threw "Request path contains unescaped characters".
    ['<o kUWK{:k', 'must be printable ASCII without spaces'],
    ['a b', 'must be printable ASCII without spaces'],
    ['caf\u00e9', 'must be printable ASCII without spaces'],
    ['tab\there', 'must be printable ASCII without spaces'],
    ['web?force=1', 'must not contain "?", "#" or "%"'],
    ['web#x', 'must not contain "?", "#" or "%"'],
    ['%2e%2e', 'must not contain "?", "#" or "%"'],
    ['../images/busybox', 'must not contain "." or ".." segments'],
    ['ghcr.io/./app', 'must not contain "." or ".." segments'],
  ])('refuses %j', (ref, message) => {
    const result = objectRef.safeParse(ref);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(message);
  });

  it.each([
    'web-1',
    'my_app.db',
    '7cc4b5aefd1d',
    `sha256:${'a'.repeat(64)}`,
    'ghcr.io/owner/app:v1.2',
    `localhost:5000/app@sha256:${'b'.repeat(64)}`,
    '  padded  ',
  ])('accepts %j', (ref) => {
    expect(objectRef.safeParse(ref).success).toBe(true);
  });
});
