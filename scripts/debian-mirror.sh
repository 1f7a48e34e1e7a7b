#!/usr/bin/env bash
# Prints the Debian archive mirror this machine uses: $BERTH_DEBIAN_MIRROR, else the first non-security "deb"
# source in its apt configuration (deb822 .sources files or one-line sources.list entries). With --security, the
# security archive instead ($BERTH_DEBIAN_SECURITY_MIRROR, else the first source for a -security suite). Fails when
# there is none.
set -euo pipefail
want=main
[ "${1:-}" = --security ] && want=security
override=$([ "$want" = security ] && echo "${BERTH_DEBIAN_SECURITY_MIRROR:-}" || echo "${BERTH_DEBIAN_MIRROR:-}")
if [ -n "$override" ]; then
  echo "$override"
  exit 0
fi
shopt -s nullglob
apt="${BERTH_APT_DIR:-/etc/apt}"
for file in "$apt"/sources.list.d/*.sources; do
  # One stanza per paragraph; take the first of Types deb whose suites are not security updates.
  found=$(awk -v want="$want" 'BEGIN { RS = ""; FS = "\n" }
    {
      types = ""; uris = ""; suites = "";
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^Types:/) types = $i;
        if ($i ~ /^URIs:/) uris = $i;
        if ($i ~ /^Suites:/) suites = $i;
      }
      security = suites ~ /-security/;
      if (types ~ /(^|[ \t])deb([ \t]|$)/ && security == (want == "security") && uris != "") {
        sub(/^URIs:[ \t]*/, "", uris); split(uris, u, /[ \t]+/); print u[1]; exit
      }
    }' "$file")
  if [ -n "$found" ]; then
    echo "$found"
    exit 0
  fi
done
for file in "$apt"/sources.list "$apt"/sources.list.d/*.list; do
  [ -f "$file" ] || continue
  found=$(awk -v want="$want" '$1 == "deb" && (($0 ~ /-security/) == (want == "security")) { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; exit } }' "$file")
  if [ -n "$found" ]; then
    echo "$found"
    exit 0
  fi
done
echo "No Debian $want mirror found in the apt sources; set BERTH_DEBIAN_$([ "$want" = security ] && echo SECURITY_)MIRROR" >&2
exit 1
