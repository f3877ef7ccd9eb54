import type { StewardServer } from './steward-server.js';

/** POSTs one API call to the server with its bearer token, as the page's HTTP transport does. */
export function postApi(server: StewardServer, method: string, input: unknown): Promise<Response> {
  return fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  });
}

/** One API call's JSON answer; a refused call throws with the method, status and the server's reason. */
export async function callApi<T = unknown>(server: StewardServer, method: string, input: unknown): Promise<T> {
  const response = await postApi(server, method, input);
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} failed (${response.status}): ${JSON.stringify(body)}`);
  return body;
}
