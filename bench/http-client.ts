// A keep-alive HTTP client for the benchmarks: JSON requests with a session cookie and the CSRF
// header, and a login that returns that session.
import http from "node:http";

export const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
export type Session = { cookie: string; csrf: string };

export function request(
  base: string,
  method: string,
  p: string,
  body: unknown,
  s?: Session,
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const url = new URL(p, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: {
          ...(data ? { "content-type": "application/json", "content-length": data.length } : {}),
          ...(s ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (data) req.write(data);
    req.end();
  });
}

export async function login(base: string, username: string, password: string): Promise<Session> {
  const r = await request(base, "POST", "/api/auth/login", { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  const cookie = ([] as string[])
    .concat(r.headers["set-cookie"] ?? [])
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, csrf: JSON.parse(r.text).csrfToken };
}
