// Origins: where a request goes, for the rule that a credential goes only where it was stored for.

/** The origin of a URL (`scheme://host[:port]`, lowercase host); undefined for anything that is not http(s). */
export function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const u = new URL(url);
  return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
}

/** A host as people read it (`api.openai.com`, `127.0.0.1:8080`). */
export function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Whether an origin is this machine (loopback): data sent there does not leave it. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    return LOOPBACK.test(new URL(origin).hostname);
  } catch {
    return false;
  }
}
