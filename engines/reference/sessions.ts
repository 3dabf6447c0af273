/**
 * Sessions of one document: who is connected, and per client the highest cseq applied or nacked
 * (counters survive reconnects, so a retransmission after a reconnect is still a duplicate).
 */
export class Sessions {
  private readonly connected = new Set<string>();
  private readonly lastCseq = new Map<string, number>();

  isConnected(client: string): boolean {
    return this.connected.has(client);
  }

  connect(client: string): void {
    this.connected.add(client);
  }

  disconnect(client: string): void {
    this.connected.delete(client);
  }

  /** Connected clients, sorted by UTF-16 code units, optionally without one of them. */
  recipients(except?: string): string[] {
    return [...this.connected].filter((c) => c !== except).sort();
  }

  /** A cseq not greater than the highest one counted so far is a retransmission. */
  isDuplicate(client: string, cseq: number): boolean {
    return cseq <= (this.lastCseq.get(client) ?? 0);
  }

  /** Counts a cseq once the op was applied or nacked for any reason but not-connected and duplicate. */
  count(client: string, cseq: number): void {
    this.lastCseq.set(client, Math.max(cseq, this.lastCseq.get(client) ?? 0));
  }
}
