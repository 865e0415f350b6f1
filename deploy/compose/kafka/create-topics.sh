#!/bin/bash
# Creates Palimpsest's topics with the devstack's settings (DevStack.provisionTopics): kept forever (both logs are
# replayed to rebuild the archive and the read models) and records up to 32 MiB (revisions of up to ingest's 10 MiB
# body limit, JSON-escaped); a topic marked :compact keeps only the last record of each key (the import reports).
# Usage: create-topics.sh BOOTSTRAP TOPIC:PARTITIONS[:compact]...
set -euo pipefail
bootstrap="$1"
shift
for spec in "$@"; do
  IFS=: read -r topic partitions policy <<< "$spec"
  cleanup=()
  if [ "${policy:-}" = compact ]; then
    cleanup=(--config cleanup.policy=compact)
  fi
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 \
    --config retention.ms=-1 --config retention.bytes=-1 --config max.message.bytes=33554432 "${cleanup[@]}"
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --list
