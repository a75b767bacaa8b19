#!/usr/bin/env bash
# A real single-node Slurm cluster on localhost, for the tests of `normative grid slurm` and for
# trying the cluster workflow on a laptop: munged (with a generated key when there is none),
# slurmctld and slurmd, one node with (at most) 2 CPUs and the machine's real memory, one partition.
#
#   sudo bash environment/slurm-local.sh start    # idempotent: starts only what is not running
#   sudo bash environment/slurm-local.sh status   # exit 0 when a job can be submitted
#   sudo bash environment/slurm-local.sh stop     # stops the daemons this script started
#
# Needs root (slurmd runs jobs as the submitting user) and Debian's slurm-wlm + munge
# (environment/setup-debian.sh installs them). No cgroups (proctrack/linuxproc, task/none), no
# accounting database: job state is read with squeue / scontrol, not sacct.
# State, spool, logs and pid files live under $NORMATIVE_SLURM_DIR (default /run/normative-slurm).
# The configuration is written to /etc/slurm/slurm.conf, where sbatch/squeue look for it; a
# slurm.conf that this script did not write (a real cluster's) is never overwritten.
set -euo pipefail

state_dir="${NORMATIVE_SLURM_DIR:-/run/normative-slurm}"
conf_dir=/etc/slurm
conf="$conf_dir/slurm.conf"
marker="# Written by environment/slurm-local.sh (normative). Safe to delete when the local cluster is stopped."
munge_key=/etc/munge/munge.key
munge_socket_dir=/run/munge
node=localhost
partition=normative
cluster=normative-local

log() { echo "slurm-local: $*"; }
die() { echo "slurm-local: error: $*" >&2; exit 1; }

require_root() {
  [ "$(id -u)" -eq 0 ] || die "must run as root (try: sudo bash $0 $1)."
}

require_binaries() {
  local missing=()
  for b in munged munge unmunge slurmctld slurmd sbatch squeue scontrol sinfo; do
    command -v "$b" >/dev/null 2>&1 || missing+=("$b")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}; install Debian's slurm-wlm and munge (sudo bash environment/setup-debian.sh)."
}

# The pid in $1 belongs to a live process.
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

munge_works() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

controller_answers() { scontrol ping 2>/dev/null | grep -q "is UP"; }

node_state() { sinfo -h -n "$node" -o %T 2>/dev/null | head -n1 || true; }

start_munge() {
  if munge_works; then log "munged already running"; return; fi
  if [ ! -s "$munge_key" ]; then
    log "generating a munge key at $munge_key"
    install -d -m 0700 -o munge -g munge "$(dirname "$munge_key")"
    # 1024 bits of randomness: the length mungekey --create uses by default.
    dd if=/dev/urandom of="$munge_key" bs=128 count=1 status=none
  fi
  chown munge:munge "$munge_key"
  chmod 0400 "$munge_key"
  install -d -m 0755 -o munge -g munge "$munge_socket_dir"
  install -d -m 0700 -o munge -g munge /var/log/munge
  install -d -m 0711 -o munge -g munge /var/lib/munge
  runuser -u munge -- munged
  for _ in $(seq 1 50); do munge_works && break; sleep 0.2; done
  munge_works || die "munged did not come up; see /var/log/munge/munged.log."
  log "munged started"
}

# CPUs = min(2, the machine's); RealMemory = what slurmd itself measures (so the node is never
# drained for "low RealMemory").
write_config() {
  if [ -f "$conf" ] && ! grep -qF "$marker" "$conf"; then
    die "$conf exists and was not written by this script (a real cluster's configuration?); not overwriting it. Stop here, or move it away first."
  fi
  local cpus memory
  cpus=$(nproc)
  [ "$cpus" -gt 2 ] && cpus=2
  memory=$(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p')
  [ -n "$memory" ] || die "could not read RealMemory from 'slurmd -C'."
  install -d -m 0755 "$conf_dir" "$state_dir" "$state_dir/ctld" "$state_dir/spool" "$state_dir/log"
  local tmp="$conf.tmp.$$"
  cat >"$tmp" <<EOF
$marker
ClusterName=$cluster
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
ReturnToService=2
# Finished jobs stay visible to squeue/scontrol for an hour (there is no accounting database).
MinJobAge=3600
SchedulerParameters=sched_min_interval=100000
StateSaveLocation=$state_dir/ctld
SlurmdSpoolDir=$state_dir/spool
SlurmctldPidFile=$state_dir/slurmctld.pid
SlurmdPidFile=$state_dir/slurmd.pid
SlurmctldLogFile=$state_dir/log/slurmctld.log
SlurmdLogFile=$state_dir/log/slurmd.log
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=$partition Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$tmp" "$conf"
  chmod 0644 "$conf"
  log "wrote $conf (node $node: $cpus CPUs, ${memory} MB; partition $partition; state in $state_dir)"
}

start_slurm() {
  if alive "$state_dir/slurmctld.pid" && controller_answers; then
    log "slurmctld already running"
  else
    write_config
    slurmctld
    for _ in $(seq 1 50); do controller_answers && break; sleep 0.2; done
    controller_answers || die "slurmctld did not answer; see $state_dir/log/slurmctld.log."
    log "slurmctld started"
  fi
  if alive "$state_dir/slurmd.pid"; then
    log "slurmd already running"
  else
    slurmd -N "$node"
    log "slurmd started"
  fi
  local state=""
  for _ in $(seq 1 150); do
    state=$(node_state)
    case "$state" in idle|mixed|allocated|completing) break ;; esac
    sleep 0.2
  done
  case "$state" in
    idle|mixed|allocated|completing) ;;
    down*|drain*)
      # A node left down by an earlier run (e.g. the machine rebooted under it) is put back.
      scontrol update NodeName="$node" State=RESUME
      sleep 1
      state=$(node_state) ;;
  esac
  case "$state" in
    idle|mixed|allocated|completing) log "node $node is $state; try: sbatch --wrap hostname" ;;
    *) die "node $node is '${state:-unknown}'; see $state_dir/log/slurmd.log and $state_dir/log/slurmctld.log." ;;
  esac
}

stop_pidfile() {
  local name=$1 pidfile=$2
  if alive "$pidfile"; then
    local pid
    pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    log "$name stopped"
  else
    log "$name not running"
  fi
  rm -f "$pidfile"
}

stop() {
  stop_pidfile slurmd "$state_dir/slurmd.pid"
  stop_pidfile slurmctld "$state_dir/slurmctld.pid"
  if munge_works; then munged --stop >/dev/null 2>&1 && log "munged stopped"; else log "munged not running"; fi
}

status() {
  local ok=0
  if munge_works; then log "munged: running"; else log "munged: not running"; ok=1; fi
  if controller_answers; then log "slurmctld: up"; else log "slurmctld: not answering"; ok=1; fi
  if alive "$state_dir/slurmd.pid"; then log "slurmd: running (pid $(cat "$state_dir/slurmd.pid"))"; else log "slurmd: not running"; ok=1; fi
  local state
  state=$(node_state)
  log "node $node: ${state:-unknown}"
  case "$state" in idle|mixed|allocated|completing) ;; *) ok=1 ;; esac
  return $ok
}

case "${1:-}" in
  start) require_root start; require_binaries; start_munge; start_slurm ;;
  stop) require_root stop; stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
