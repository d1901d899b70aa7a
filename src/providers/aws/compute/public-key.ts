/**
 * OpenSSH public key text as hashicorp/aws compares it: the stored form is the configured
 * text trimmed (its StateFunc), and two texts name the same key when type and base64 blob
 * match, whatever the comment (AWS rewrites the comment to the key name).
 */

/** The stored form of a configured public_key. */
export function storedPublicKey(text: string): string {
  return text.trim();
}

/** `type blob` of an authorized_keys line, or undefined when it is not one. */
function keyBody(text: string): string | undefined {
  const parts = text.trim().split(/\s+/);
  if (parts.length < 2 || !/^(ssh-|ecdsa-|sk-)/.test(parts[0]!)) return undefined;
  return `${parts[0]} ${parts[1]}`;
}

/** True when both texts are the same OpenSSH public key (comments ignored). */
export function samePublicKey(a: string, b: string): boolean {
  const x = keyBody(a), y = keyBody(b);
  return x !== undefined && x === y;
}
