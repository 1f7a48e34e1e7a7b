#!/usr/bin/env bash
# Installs the Debian packages the test suite talks to (when run as root with apt); says what is missing otherwise.
set -euo pipefail

declare -A needed=(
  [/usr/sbin/dockerd]=docker.io
  [/bin/busybox]=busybox-static
  [/usr/bin/docker-registry]=docker-registry
  [/usr/bin/chromium]=chromium
  [/usr/sbin/sshd]=openssh-server
  [/usr/bin/ssh]=openssh-client
  [/usr/bin/qemu-system-x86_64]=qemu-system-x86
  [/usr/bin/qemu-system-aarch64]=qemu-system-arm
  [/usr/bin/qemu-img]=qemu-utils
  [/usr/bin/mmdebstrap]=mmdebstrap
  [/sbin/mkfs.ext4]=e2fsprogs
  [/usr/bin/cpio]=cpio
  [/sbin/depmod]=kmod
  [/usr/bin/gcc]=gcc
  [/usr/include/stdio.h]=libc6-dev
  [/usr/bin/unzip]=unzip
  [/usr/bin/rpmbuild]=rpm
  [/usr/bin/db5.3_load]=db5.3-util
)

missing=()
for binary in "${!needed[@]}"; do
  [ -e "$binary" ] || missing+=("${needed[$binary]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" || { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; }
else
  echo "The tests need these Debian packages: ${missing[*]} (install them, or run as root)" >&2
  exit 1
fi
