/**
 * The network between the clients and the front door (docs/model.md: Network and
 * endpoint types): each attempt travels to the front door and its answer
 * travels back, and the client's time-out runs all the while.
 *
 * - Regional or private endpoint: half the round trip `rtt` each way; an
 *   attempt that opens a new connection first spends `handshakeRtts` round
 *   trips on TCP and TLS.
 * - Edge-optimized endpoint: the client connects to the nearest CloudFront
 *   edge location (`edgeRtt`, never more than `rtt`), so a new connection's
 *   handshakes cost edge round trips only; the edge location keeps its own
 *   connections to the Region open ("how long CloudFront persists its
 *   connection to the origin", OriginKeepaliveTimeout,
 *   https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CustomOriginConfig.html)
 *   and adds its own hop.
 *   ASSUMPTION: the way from the edge location to the Region takes as long
 *   as the rest of the client's path (rtt - edgeRtt): AWS publishes no
 *   figure for its backbone being faster, so the model credits an edge
 *   endpoint with the handshakes it saves and nothing more.
 *
 * The whole trip is drawn when the attempt leaves (one `rtt` per attempt)
 * and recorded as the `network` stage. A success's stages are recorded when
 * its answer reaches the client, and only if the client still waits: an
 * answer overtaken by the client's time-out on its way back is no success.
 */
import type { EventCallback } from '../../engine/simulator.js';
import type { RandomStream } from '../../engine/random.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget } from '../component.js';
import { clientWaits, holdAttempt, releaseAttempt } from '../attempt-lifecycle.js';
import { recordNetwork, returnTripMs } from '../stage-timing.js';
import type { Distribution } from '../shared/distribution.js';

export interface ClientNetworkOptions {
  /** Round trip between a client and the API's Region (ms). */
  rtt: Distribution;
  /** Edge-optimized: round trip to the nearest edge location (ms), and the edge location's own time; null otherwise. */
  edge: { rttMs: number; hop: Distribution } | null;
  /** Share of attempts that open a new connection first. */
  newConnections: number;
  /** Round trips a new connection costs before the request. */
  handshakeRtts: number;
}

interface Answer {
  attempt: Attempt;
  status: number;
  cause: ReplyCause;
}

/** The clients' network: attempts carried and new connections set up. */
export type NetworkUsage = { readonly attempts: number; readonly newConnections: number };

export class ClientNetwork implements Component<NetworkUsage>, Hop, ReplyTarget {
  readonly kind = 'network' as const;
  private ctx!: ComponentContext;
  private stream!: RandomStream;
  private frontDoor!: Hop;
  private client!: ReplyTarget;
  private readonly counters = { attempts: 0, newConnections: 0 };
  private readonly onArrive: EventCallback<Attempt>;
  private readonly onBack: EventCallback<Answer>;

  constructor(
    readonly id: string,
    private readonly options: ClientNetworkOptions,
  ) {
    this.onArrive = (attempt) => this.frontDoor.receive(attempt, this);
    this.onBack = (answer) => this.arrived(answer);
  }

  /** Where attempts go, and who hears the answers. */
  connect(frontDoor: Hop, client: ReplyTarget): void {
    this.frontDoor = frontDoor;
    this.client = client;
  }

  start(ctx: ComponentContext): void {
    this.ctx = ctx;
    this.stream = ctx.streams.get(`${this.id}.trips`);
  }

  usage(): NetworkUsage {
    return { ...this.counters };
  }

  receive(attempt: Attempt): void {
    const o = this.options;
    const rttMs = o.rtt.sample(this.stream);
    const halfMs = rttMs / 2;
    let thereMs = halfMs;
    const opens = o.newConnections >= 1 || (o.newConnections > 0 && this.stream.next() < o.newConnections);
    if (opens) thereMs += o.handshakeRtts * (o.edge ? Math.min(o.edge.rttMs, rttMs) : rttMs);
    if (o.edge) thereMs += o.edge.hop.sample(this.stream);
    if (attempt.counted) {
      this.counters.attempts++;
      if (opens) this.counters.newConnections++;
    }
    recordNetwork(attempt, thereMs, halfMs);
    this.ctx.sim.schedule(thereMs, this.onArrive, attempt);
  }

  onReply(attempt: Attempt, status: number, cause: ReplyCause): void {
    holdAttempt(attempt); // the answer still travels: the front door lets go of the attempt now
    this.ctx.sim.schedule(returnTripMs(attempt), this.onBack, { attempt, status, cause });
  }

  /** The answer reaches the client: a success's stages count only if the client still waited for it. */
  private arrived(answer: Answer): void {
    const attempt = answer.attempt;
    if (answer.status >= 200 && answer.status < 300 && clientWaits(attempt)) this.ctx.metrics.attemptStages(attempt, attempt.counted);
    this.client.onReply(attempt, answer.status, answer.cause);
    releaseAttempt(attempt);
  }
}
