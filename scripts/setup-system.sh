#!/usr/bin/env bash
# Installs the system packages wirecraft and its tests use. Idempotent: when every package is
# already present it does no apt work at all, so re-runs cost a dpkg query.
set -euo pipefail

PACKAGES=(
  libpcap-dev build-essential python3 iproute2 procps
  dnsmasq-base tshark tcpdump python3-scapy udhcpc isc-dhcp-client
  kea-dhcp4-server kea-admin tcpreplay tmux
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-system: missing packages (${missing[*]}) and not root: run as root or install them yourself" >&2
    exit 1
  fi
  echo "setup-system: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # wireshark-common asks whether non-root users may capture; answer once, non-interactively.
  echo 'wireshark-common wireshark-common/install-setuid boolean false' | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian may start packaged DHCP services on install; the tests run their own instances inside
# network namespaces, so a system instance would only compete for port 67.
for svc in dnsmasq isc-dhcp-server kea-dhcp4-server kea-dhcp6-server kea-dhcp-ddns-server kea-ctrl-agent; do
  if command -v systemctl >/dev/null 2>&1 && systemctl list-unit-files "$svc.service" >/dev/null 2>&1; then
    systemctl disable --now "$svc" >/dev/null 2>&1 || true
  fi
done
for proc in dnsmasq kea-dhcp4 dhcpd; do
  # Only daemons started by the system (parent is init); lab instances belong to test processes.
  for pid in $(pgrep -x "$proc" -P 1 2>/dev/null || true); do kill "$pid" 2>/dev/null || true; done
done
exit 0
