/** A digest of a text as lowercase hex (Web Crypto: secure pages only). */
export async function digestHex(algorithm: 'SHA-256' | 'SHA-1', text: string): Promise<string> {
  const digest = await crypto.subtle.digest(algorithm, new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const sha256Hex = (text: string): Promise<string> => digestHex('SHA-256', text);
