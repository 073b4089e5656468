// Credentials that providers and specifications publish in their own documentation, samples and
// test vectors: data, one entry per value with its source. Each value is matched exactly (a
// one-character variant is not on the list) and is never reported by any rule. Add a value only
// with a source that shows it verbatim. A TypeScript module rather than JSON, so that every build
// carries it (tsc emits no JSON for a checkout under node_modules, as a git or pre-commit install is).

export interface PublishedSample {
  value: string;
  what: string;
  source: string;
}

export const PUBLISHED_SAMPLES: readonly PublishedSample[] = [
  { value: 'AKIAIOSFODNN7EXAMPLE', what: 'AWS access key id', source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html' },
  { value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', what: 'AWS secret access key', source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html' },
  { value: 'AKIAI44QH8DHBEXAMPLE', what: 'AWS access key id', source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html' },
  { value: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', what: 'AWS secret access key', source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html' },
  { value: 'AKIDEXAMPLE', what: 'AWS access key id of the Signature Version 4 test suite', source: 'https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html' },
  { value: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', what: 'AWS secret access key of the Signature Version 4 test suite', source: 'https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html' },
  { value: 'AIzaSyB41DRUbKWJHPxaFjMAwdrzWzbVKartNGg', what: 'Google Maps Platform sample API key (every Maps JavaScript API sample since 2022)', source: 'https://github.com/googlemaps/js-samples (dist/samples/*/app/.env, */index.html)' },
  { value: 'AIzaSyBIwzALxUPNbatRBj3Xi1Uhp0fFzwWNBkE', what: 'Google Maps Platform sample API key (Maps JavaScript API samples, 2020-2021)', source: 'https://github.com/googlemaps/js-samples (.bazelrc: "low quota restricted key", dist/samples/*/iframe.html)' },
  { value: 'AIzaSyDOCAbC123dEf456GhI789jKl012-MnO', what: 'Firebase web API key example value', source: 'https://github.com/firebase/firebase-js-sdk/blob/main/packages/app/src/public-types.ts (FirebaseOptions.apiKey: "example value")' },
  { value: 'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY', what: 'Firebase SDK test API key', source: 'https://github.com/firebase/firebase-android-sdk and firebase-js-sdk precondition-check tests (isValidApiKeyFormat); listed as example keys in gitleaks cmd/generate/config/rules/gcp.go' },
  { value: 'Q3AM3UQ867SPQQA43P2F', what: 'access key of MinIO\'s public play server (play.min.io)', source: 'https://github.com/minio/minio-go (Makefile: ACCESS_KEY=...), https://github.com/minio/minio-py examples' },
  { value: 'zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG', what: 'secret key of MinIO\'s public play server (play.min.io)', source: 'https://github.com/minio/minio-go (Makefile: SECRET_KEY=...), https://github.com/minio/minio-py examples' },
  { value: 'dpf43f3p2l4k3l03', what: 'OAuth 1.0 client identifier', source: 'RFC 5849 section 1.2' },
  { value: 'kd94hf93k423kf44', what: 'OAuth 1.0 client shared-secret', source: 'RFC 5849 section 1.2' },
  { value: 'hh5s93j4hdidpola', what: 'OAuth 1.0 temporary credentials identifier', source: 'RFC 5849 section 1.2' },
  { value: 'hdhd0244k9j7ao03', what: 'OAuth 1.0 temporary credentials shared-secret', source: 'RFC 5849 section 1.2' },
  { value: 'hfdp7dh39dks9884', what: 'OAuth 1.0 verifier', source: 'RFC 5849 section 1.2' },
  { value: 'nnch734d00sl2jdk', what: 'OAuth 1.0 token', source: 'RFC 5849 section 1.2' },
  { value: 'pfkkdhi9sl3r4s00', what: 'OAuth 1.0 token shared-secret', source: 'RFC 5849 section 1.2' },
  { value: 'jd83jd92dhsh93js', what: 'OAuth 1.0 client identifier', source: 'RFC 5849 section 2.1' },
  { value: 'xyz4992k83j47x0b', what: 'OAuth 1.0 temporary credentials shared-secret', source: 'RFC 5849 section 2.1' },
  { value: 'j49ddk933skd9dks', what: 'OAuth 1.0 token', source: 'RFC 5849 section 2.3' },
  { value: 'll399dj47dskfjdk', what: 'OAuth 1.0 token shared-secret', source: 'RFC 5849 section 2.3' },
  { value: '9djdj82h48djs9d2', what: 'OAuth 1.0 client identifier', source: 'RFC 5849 section 3.1' },
  { value: 'kkk9d7dh3k39sjv7', what: 'OAuth 1.0 token', source: 'RFC 5849 section 3.1' },
  { value: 'j49sk3j29djd', what: 'OAuth 1.0 client secret', source: 'RFC 5849 section 3.1' },
  { value: 'dh893hdasih9', what: 'OAuth 1.0 token secret', source: 'RFC 5849 section 3.1' },
  { value: '0685bd9184jfhq22', what: 'OAuth 1.0 client identifier', source: 'RFC 5849 section 3.5.1' },
  { value: 'ad180jjd733klru7', what: 'OAuth 1.0 token', source: 'RFC 5849 section 3.5.1' },
  { value: '7Fjfp0ZBr1KtDRbnfVdmIw', what: 'OAuth 2.0 client secret', source: 'RFC 6749 section 2.3.1' },
  { value: 'czZCaGRSa3F0MzpnWDFmQmF0M2JW', what: 'OAuth 2.0 client credentials in HTTP Basic (s6BhdRkqt3:gX1fBat3bV)', source: 'RFC 6749 sections 4.1.3, 4.3.2, 4.4.2, 6' },
  { value: 'SplxlOBeZQQYbYS6WxSbIA', what: 'OAuth 2.0 authorization code', source: 'RFC 6749 section 4.1.2' },
  { value: '2YotnFZFEjr1zCsicMWpAA', what: 'OAuth 2.0 access token', source: 'RFC 6749 sections 4.1.4, 4.2.2, 5.1' },
  { value: 'tGzv3JOkF0XG5Qx2TlKWIA', what: 'OAuth 2.0 refresh token', source: 'RFC 6749 sections 4.1.4, 5.1, 6' },
  { value: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', what: 'PKCE code_verifier (also the RFC 7519 sample JWT\'s signature)', source: 'RFC 7636 appendix B (the base64url of its 32 listed octets)' },
  { value: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', what: 'PKCE S256 code_challenge', source: 'RFC 7636 appendix B (the SHA-256 of the verifier above)' },
  { value: 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', what: 'sample JWT', source: 'RFC 7519 section 3.1, RFC 7515 appendix A.1' },
  { value: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow', what: 'HMAC key (JWK k) that signs the sample JWT', source: 'RFC 7515 appendix A.1, RFC 7517 appendix A.3' },
  { value: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', what: 'HTTP Digest nonce', source: 'RFC 7616 section 3.9.1' },
  { value: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS', what: 'HTTP Digest opaque', source: 'RFC 7616 section 3.9.1' },
  { value: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ', what: 'HTTP Digest cnonce', source: 'RFC 7616 section 3.9.1' },
  { value: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', what: 'HTTP Digest nonce', source: 'RFC 2617 section 3.5' },
];
