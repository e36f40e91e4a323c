/**
 * The asymmetric JWS algorithms the kit accepts wherever a private key signs: a logout token's
 * signature, a `private_key_jwt` assertion, a DPoP proof (a shared secret signs nothing here but
 * `client_secret_jwt`).
 */
export const ASYMMETRIC_ALGS: readonly string[] = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];
