#!/bin/bash
# Creates Palimpsest's topics with the devstack's settings (DevStack.provisionTopics): kept forever (both logs are
# replayed to rebuild the archive and the read models) and records up to 32 MiB (revisions of up to ingest's 10 MiB
# body limit, JSON-escaped); a topic marked :compact keeps only the last record of each key (the import reports);
# one marked :keys is compacted so that a destroyed text key's bytes are gone within minutes (Topics.TEXT_KEYS_COMPACTION,
# ADR 0042); one marked :trimmed is cut in segments of an hour at most, which the archive's trimming can delete
# (Topics.SUBMITTED_SEGMENTS, ADR 0042).
# Usage: create-topics.sh BOOTSTRAP TOPIC:PARTITIONS[:compact|:keys|:trimmed]...
set -euo pipefail
bootstrap="$1"
shift
for spec in "$@"; do
  IFS=: read -r topic partitions policy <<< "$spec"
  cleanup=()
  if [ "${policy:-}" = compact ]; then
    cleanup=(--config cleanup.policy=compact)
  elif [ "${policy:-}" = keys ]; then
    cleanup=(--config cleanup.policy=compact --config segment.ms=600000 --config max.compaction.lag.ms=600000
             --config min.cleanable.dirty.ratio=0.01 --config file.delete.delay.ms=60000)
  elif [ "${policy:-}" = trimmed ]; then
    cleanup=(--config segment.ms=3600000)
  fi
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 \
    --config retention.ms=-1 --config retention.bytes=-1 --config max.message.bytes=33554432 "${cleanup[@]}"
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --list
