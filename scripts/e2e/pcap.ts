// Reads a pcap file (as rtpengine's pcap recording writes it: raw IPv4 or Ethernet frames) and
// counts the UDP packets of each flow (source port -> destination port), so a test can tell that
// both directions of a call were recorded. Bounded: at most 1,000,000 packets.
import { readFileSync } from 'node:fs';

/** Packets per UDP flow, keyed `srcPort>dstPort`, with their total payload bytes. */
export function countPcapFlows(path: string): Record<string, { packets: number; bytes: number }> {
  const data = readFileSync(path);
  if (data.length < 24) return {};
  const magic = data.readUInt32LE(0);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const u32 = (at: number) => (little ? data.readUInt32LE(at) : data.readUInt32BE(at));
  const linkType = u32(20);
  const flows: Record<string, { packets: number; bytes: number }> = Object.create(null) as Record<
    string,
    { packets: number; bytes: number }
  >;
  let at = 24;
  for (let n = 0; n < 1_000_000 && at + 16 <= data.length; n++) {
    const captured = u32(at + 8);
    const start = at + 16;
    at = start + captured;
    if (at > data.length) break;
    // linktype 1: Ethernet (14-byte header); 101/228: raw IPv4
    const ip = start + (linkType === 1 ? 14 : 0);
    if (ip + 28 > at || (data[ip] ?? 0) >> 4 !== 4 || data[ip + 9] !== 17) continue;
    const udp = ip + ((data[ip] ?? 0) & 0x0f) * 4;
    const key = `${data.readUInt16BE(udp)}>${data.readUInt16BE(udp + 2)}`;
    const flow = (flows[key] ??= { packets: 0, bytes: 0 });
    flow.packets += 1;
    flow.bytes += data.readUInt16BE(udp + 4) - 8;
  }
  return flows;
}
