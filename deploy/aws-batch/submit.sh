#!/bin/sh
# Submits one apigw-sim sweep to AWS Batch: an array job of SHARDS children
# (child I runs `apigw-sim shard ... --shards SHARDS --index I`), then a merge
# job that starts once every child has succeeded. Both write to the EFS volume
# of the job definitions, under /results/$RUN. Step by step: deploy/README.md.
#
#   JOB_QUEUE=my-queue SHARDS=8 deploy/aws-batch/submit.sh
#
# Needs the AWS CLI (v2), credentials allowed to call batch:SubmitJob, and the
# two job definitions registered:
#   aws batch register-job-definition --cli-input-json file://deploy/aws-batch/job-definition.json
#   aws batch register-job-definition --cli-input-json file://deploy/aws-batch/merge-job-definition.json
#
# How AWS Batch runs it:
# - An array job of size N runs N child jobs; each child sees its index (0 to
#   N-1) in AWS_BATCH_JOB_ARRAY_INDEX and N in AWS_BATCH_JOB_ARRAY_SIZE, so
#   the job definition passes the array's own size as --shards: the two cannot
#   disagree. The size must be between 2 and 10,000.
#     https://docs.aws.amazon.com/batch/latest/userguide/array_jobs.html
#     https://docs.aws.amazon.com/batch/latest/userguide/job_env_vars.html
# - The merge job depends on the array job's (parent) ID with no type: a job
#   that depends on an array job runs only after all its children succeed, and
#   fails without running if one of them fails. (SEQUENTIAL and N_TO_N are for
#   dependencies between the children of array jobs; neither applies to a
#   single job that needs all of them.)
#     https://docs.aws.amazon.com/batch/latest/userguide/job_dependencies.html
#     https://docs.aws.amazon.com/batch/latest/userguide/example_array_job.html
set -eu

: "${JOB_QUEUE:?set JOB_QUEUE to the name or ARN of your AWS Batch job queue}"
SHARDS="${SHARDS:-8}"
REPLICATIONS="${REPLICATIONS:-5}"
# A path inside the container: the image's own scenarios (/app/scenarios/...),
# or a file you put on the EFS volume (/results/...).
SCENARIO="${SCENARIO:-/app/scenarios/rest-lambda-sweep.yaml}"
# Each sweep in its own folder, so shards of an earlier sweep are never merged in.
RUN="${RUN:-sweep-$(date -u +%Y%m%dT%H%M%SZ)}"
SHARD_DEFINITION="${SHARD_DEFINITION:-apigw-sim-shard}"
MERGE_DEFINITION="${MERGE_DEFINITION:-apigw-sim-merge}"
OUT="/results/$RUN"

case "$SHARDS" in
  '' | *[!0-9]*) echo "submit.sh: SHARDS must be a whole number, not '$SHARDS'" >&2; exit 2 ;;
esac
if [ "$SHARDS" -lt 2 ] || [ "$SHARDS" -gt 10000 ]; then
  echo "submit.sh: SHARDS must be 2 to 10000 (an array job's size); for one shard, run the sweep on one machine" >&2
  exit 2
fi
case "$SCENARIO$REPLICATIONS" in
  *,* | *=*) echo "submit.sh: SCENARIO and REPLICATIONS cannot hold ',' or '=' (the CLI's key=value,... form)" >&2; exit 2 ;;
esac
case "$RUN" in
  '' | *[!A-Za-z0-9_-]*) echo "submit.sh: RUN may hold only letters, digits, - and _, not '$RUN'" >&2; exit 2 ;;
esac

array_job=$(aws batch submit-job \
  --job-name "apigw-sim-$RUN" \
  --job-queue "$JOB_QUEUE" \
  --job-definition "$SHARD_DEFINITION" \
  --array-properties "size=$SHARDS" \
  --parameters "scenario=$SCENARIO,replications=$REPLICATIONS,out=$OUT" \
  --query jobId --output text)

merge_job=$(aws batch submit-job \
  --job-name "apigw-sim-$RUN-merge" \
  --job-queue "$JOB_QUEUE" \
  --job-definition "$MERGE_DEFINITION" \
  --depends-on "jobId=$array_job" \
  --parameters "out=$OUT" \
  --query jobId --output text)

echo "shards: $array_job ($SHARDS children, $OUT/shard-0 .. shard-$((SHARDS - 1)))"
echo "merge:  $merge_job (waits for all of them, writes $OUT/merged)"
echo "follow: aws batch describe-jobs --jobs $array_job $merge_job --query 'jobs[].[jobName,status,statusReason]' --output table"
