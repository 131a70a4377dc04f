/**
 * The one client address of a request (ADR 0018): the peer's, or behind trusted proxies the
 * address the nearest trusted proxy saw, read from `X-Forwarded-For` from the right. Throttles,
 * sessions and the audit log all take it from the load context's `ip`.
 */
import net from "node:net";
import type { TrustProxy } from "~/env.server";

const NAMED: Record<string, Array<[string, number, "ipv4" | "ipv6"]>> = {
  loopback: [
    ["127.0.0.0", 8, "ipv4"],
    ["::1", 128, "ipv6"],
  ],
  linklocal: [
    ["169.254.0.0", 16, "ipv4"],
    ["fe80::", 10, "ipv6"],
  ],
  uniquelocal: [
    ["10.0.0.0", 8, "ipv4"],
    ["172.16.0.0", 12, "ipv4"],
    ["192.168.0.0", 16, "ipv4"],
    ["fc00::", 7, "ipv6"],
  ],
};

/** `::ffff:10.0.0.1` is 10.0.0.1. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function blockListOf(entries: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const named = NAMED[entry];
    if (named) {
      for (const [address, prefix, type] of named) list.addSubnet(address, prefix, type);
      continue;
    }
    const [address, prefix] = entry.split("/") as [string, string | undefined];
    const type = net.isIPv4(address) ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

export interface ClientAddress {
  /** The client's address. */
  ip: string;
  /** True when the peer is a trusted proxy (its X-Forwarded-Host and -Proto may be believed). */
  viaTrustedProxy: boolean;
}

export function clientAddressResolver(trust: TrustProxy) {
  const list = Array.isArray(trust) ? blockListOf(trust) : null;
  const trusted = (address: string) => {
    if (!list) return false;
    const type = net.isIPv4(address) ? "ipv4" : net.isIPv6(address) ? "ipv6" : null;
    return type !== null && list.check(address, type);
  };
  return (peerAddress: string | undefined, forwardedFor: string | string[] | undefined) => {
    const peer = plainAddress(peerAddress ?? "unknown");
    if (trust === false || trust === 0) return { ip: peer, viaTrustedProxy: false };
    const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
      .split(",")
      .map((s) => plainAddress(s.trim()))
      .filter(Boolean);
    // Nearest first: the peer, then what each proxy appended, right to left.
    const chain = [peer, ...forwarded.reverse()];
    let hops: number;
    if (typeof trust === "number") hops = Math.min(trust, chain.length - 1);
    else {
      hops = 0;
      while (hops < chain.length - 1 && trusted(chain[hops]!)) hops++;
    }
    // An entry that is not an address stops the walk: the last good hop is the answer.
    while (hops > 0 && !net.isIP(chain[hops]!)) hops--;
    return { ip: chain[hops]!, viaTrustedProxy: list ? trusted(peer) : true };
  };
}
