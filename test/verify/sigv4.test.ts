// SigV4 against AWS's published examples (the Signature Version 4 test suite's get-vanilla case
// and the IAM ListUsers walkthrough in the AWS docs), so the STS call is signed the way AWS checks.
import { describe, expect, it } from 'vitest';
import { signV4 } from '../../src/verify/sigv4.js';

// AWS's documented example credentials (not a real key: they appear in every SigV4 guide).
const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const now = new Date('2015-08-30T12:36:00Z');

describe('signV4', () => {
  it('matches the get-vanilla test vector', () => {
    const h = signV4({ method: 'GET', url: new URL('https://example.amazonaws.com/'), headers: {}, body: '' }, creds, 'us-east-1', 'service', now);
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, ' +
        'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    expect(h['x-amz-date']).toBe('20150830T123600Z');
  });

  it('matches the IAM ListUsers example (query string and content-type signed)', () => {
    const url = new URL('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08');
    const h = signV4({ method: 'GET', url, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: '' }, creds, 'us-east-1', 'iam', now);
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, ' +
        'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
  });
});
