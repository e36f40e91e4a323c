// AES-256-GCM over Web Crypto (Node 20+, edge runtimes), for values the kit keeps outside the
// process. The key is derived from a secret the app already has with HKDF-SHA-256, under a
// label of its own, so it is never the secret itself nor next-auth's own cookie key.

const INFO = new TextEncoder().encode("next-auth-refresh-kit refresh store v1");

/** Seals and opens strings; `context` (e.g. the storage key) is authenticated, so a value cannot be moved. */
export interface Sealer {
  seal(plaintext: string, context: string): Promise<string>;
  /** The plaintext, or `null` when the value is not one this key sealed for this context. */
  open(sealed: string, context: string): Promise<string | null>;
}

export function createSealer(secret: string): Sealer {
  if (typeof secret !== "string" || secret.length < 16) {
    throw new TypeError("the refresh store needs a secret of at least 16 characters (e.g. NEXTAUTH_SECRET)");
  }
  const key = deriveKey(secret);
  const encoder = new TextEncoder();
  return {
    async seal(plaintext, context) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const cipher = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
        await key,
        encoder.encode(plaintext),
      );
      return `${toBase64(iv)}.${toBase64(new Uint8Array(cipher))}`;
    },
    async open(sealed, context) {
      const [iv, cipher] = sealed.split(".");
      if (!iv || !cipher) return null;
      try {
        const plain = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: fromBase64(iv), additionalData: encoder.encode(context) },
          await key,
          fromBase64(cipher),
        );
        return new TextDecoder().decode(plain);
      } catch {
        return null;
      }
    },
  };
}

async function deriveKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: INFO },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
