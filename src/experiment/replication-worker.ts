/** The worker-thread side of the replication pool (piscina loads this file): one replication per task. */
import { runReplication, type ReplicationJob, type ReplicationResult } from './replication.js';

export default function replicate(job: ReplicationJob): ReplicationResult {
  return runReplication(job);
}
