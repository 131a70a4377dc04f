/** The environment rules of ADR 0018: TRUST_PROXY, the local/shared rule, PUBLIC_URL's default. */
import { describe, expect, it } from "vitest";
import { deploymentModeOf, isLoopbackHost, parseEnv, parseTrustProxy } from "~/env.server";

describe("TRUST_PROXY", () => {
  it("takes a hop count or proxy addresses, and is off by default", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("0")).toBe(false);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("10.0.0.5, 10.0.1.0/24,::1,fd00::/8,loopback")).toEqual([
      "10.0.0.5",
      "10.0.1.0/24",
      "::1",
      "fd00::/8",
      "loopback",
    ]);
  });
  it("never trusts everything, and refuses what is not an address", () => {
    for (const value of ["true", "TRUE", "*", "all"])
      expect(() => parseTrustProxy(value)).toThrow(/any client's X-Forwarded-For/);
    for (const value of ["10.0.0.0/33", "proxy.example", "1.2.3", "11", "10.0.0.1/8/1"])
      expect(() => parseTrustProxy(value), value).toThrow(/TRUST_PROXY/);
    expect(() => parseEnv({ TRUST_PROXY: "true" })).toThrow(
      /Invalid environment:\n {2}TRUST_PROXY/,
    );
  });
});

describe("local demo or shared", () => {
  it("is local only when the listening address and PUBLIC_URL are both this machine's", () => {
    const mode = (HOST: string, PUBLIC_URL: string) => deploymentModeOf({ HOST, PUBLIC_URL }).mode;
    expect(mode("127.0.0.1", "http://localhost:3000")).toBe("local");
    expect(mode("::1", "https://127.0.0.1:8443")).toBe("local");
    expect(mode("localhost", "http://[::1]:3000")).toBe("local");
    expect(mode("0.0.0.0", "http://localhost:3000")).toBe("shared");
    expect(mode("::", "http://localhost:3000")).toBe("shared");
    expect(mode("192.168.1.20", "http://localhost:3000")).toBe("shared");
    expect(mode("127.0.0.1", "https://portal.example.com")).toBe("shared");
    expect(mode("127.0.0.1", "http://localhost.evil.example")).toBe("shared");
    expect(deploymentModeOf({ HOST: "0.0.0.0", PUBLIC_URL: "http://localhost:3000" }).reason).toBe(
      "HOST=0.0.0.0 accepts connections from other machines",
    );
  });
  it("knows loopback names and addresses", () => {
    for (const host of [
      "localhost",
      "LOCALHOST.",
      "app.localhost",
      "127.0.0.1",
      "127.9.8.7",
      "[::1]",
      "::ffff:127.0.0.1",
    ])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "10.0.0.1", "localhost.example", "128.0.0.1", "[::2]"])
      expect(isLoopbackHost(host), host).toBe(false);
  });
  it("listens on loopback by default, and PUBLIC_URL follows PORT", () => {
    const config = parseEnv({ PORT: "4123" });
    expect(config.HOST).toBe("127.0.0.1");
    expect(config.PUBLIC_URL).toBe("http://localhost:4123");
    expect(deploymentModeOf(config).mode).toBe("local");
  });
});
