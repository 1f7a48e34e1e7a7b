#!/usr/bin/env bash
# Builds Berth's VM (kernel, initrd, compressed ext4 root disk, manifest) from Debian packages.
#
# Usage: build.sh [--arch amd64|arm64] [--suite trixie|bookworm] [--out DIR]
# The Debian suite is trixie (packages.txt); bookworm (packages-bookworm.txt) builds the previous image, which
# the upgrade test boots first. The mmdebstrap tarball is cached in $BERTH_VM_CACHE/<rootfs key> (default
# /var/cache/berth-vm), keyed by what shapes it (architecture, suite, mirrors, packages, mmdebstrap options), so
# changes to Berth's own guest files rebuild in seconds. (root, mmdebstrap, qemu-img, e2fsprogs, gcc)
set -euo pipefail
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The suite of the current image; any other needs its own packages-<suite>.txt.
DEFAULT_SUITE=trixie
# The Debian mirrors this machine's apt uses (or $BERTH_DEBIAN_MIRROR, $BERTH_DEBIAN_SECURITY_MIRROR).
MIRROR="$(bash "$HERE/../scripts/debian-mirror.sh")"
SECURITY_MIRROR="$(bash "$HERE/../scripts/debian-mirror.sh" --security)"
CACHE_ROOT="${BERTH_VM_CACHE:-/var/cache/berth-vm}"
# Kernel modules the initrd loads (with their dependencies) to mount the root disk; one built into the kernel
# (crc32c_generic may be) is skipped.
INITRD_MODULES=(virtio_pci virtio_mmio virtio_blk crc32c_generic ext4)
# Module trees a VM never needs (hardware drivers, sound, radio); the rest of the generic kernel stays.
PRUNED_MODULES=(
  sound drivers/gpu drivers/media drivers/infiniband drivers/staging drivers/usb drivers/scsi
  drivers/iio drivers/net/wireless drivers/net/ethernet drivers/net/usb drivers/net/can
  drivers/net/wan drivers/net/wwan drivers/net/ieee802154 drivers/net/hamradio drivers/net/arcnet
  drivers/net/fddi drivers/net/appletalk drivers/net/plip drivers/net/slip drivers/net/ppp
  drivers/net/hippi drivers/bluetooth drivers/isdn drivers/hwmon drivers/mtd drivers/comedi
  drivers/hid drivers/video drivers/platform drivers/target drivers/ata drivers/mmc drivers/misc
  drivers/thunderbolt drivers/nfc drivers/w1 drivers/memstick drivers/pcmcia drivers/parport
  drivers/leds drivers/edac drivers/power drivers/mfd drivers/spi drivers/i2c drivers/hwtracing
  drivers/atm drivers/firewire drivers/ufs drivers/soundwire drivers/slimbus drivers/ssb
  drivers/bcma drivers/extcon drivers/pwm drivers/regulator drivers/rtc drivers/thermal
  drivers/watchdog drivers/uio drivers/vfio drivers/gnss drivers/accessibility drivers/cxl
  net/wireless net/mac80211 net/bluetooth net/nfc net/ieee802154 net/mac802154 net/appletalk
  net/atm net/ax25 net/netrom net/rose net/lapb net/phonet net/rds net/tipc net/can net/6lowpan
  fs/ocfs2 fs/gfs2 fs/xfs fs/btrfs fs/f2fs fs/nfs fs/nfsd fs/smb fs/ceph fs/jfs fs/reiserfs
  fs/nilfs2 fs/ubifs fs/orangefs fs/dlm fs/coda fs/afs fs/hfs fs/hfsplus fs/ufs fs/ntfs3 fs/bcachefs
  drivers/accel
)
STRIPPED_PATHS=(
  usr/share/man usr/share/info usr/share/locale usr/share/lintian usr/share/linda
  usr/share/bash-completion usr/share/zsh var/cache/apt var/cache/debconf var/lib/apt/lists
  var/log boot/initrd.img-* usr/share/doc-base
)

die() {
  echo "build.sh: $*" >&2
  exit 1
}
log() { echo "build.sh: $*" >&2; }

host_arch() {
  case "$(uname -m)" in
    x86_64) echo amd64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) die "unsupported host CPU $(uname -m); pass --arch amd64 or --arch arm64" ;;
  esac
}

ARCH="$(host_arch)"
SUITE="$DEFAULT_SUITE"
OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --arch) ARCH="${2:?--arch needs amd64 or arm64}"; shift 2 ;;
    --suite) SUITE="${2:?--suite needs a Debian suite}"; shift 2 ;;
    --out) OUT="${2:?--out needs a folder}"; shift 2 ;;
    -h | --help) sed -n '2,7p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (use --arch amd64|arm64, --suite trixie|bookworm, --out DIR)" ;;
  esac
done
[[ "$ARCH" == amd64 || "$ARCH" == arm64 ]] || die "--arch must be amd64 or arm64, not '$ARCH'"
PACKAGE_LIST=packages.txt
[[ "$SUITE" == "$DEFAULT_SUITE" ]] || PACKAGE_LIST="packages-$SUITE.txt"
[[ -f "$HERE/$PACKAGE_LIST" ]] || die "no package list for suite '$SUITE' ($HERE/$PACKAGE_LIST)"
OUT="${OUT:-$HERE/dist/$ARCH}"
[[ "$(id -u)" == 0 ]] || die "needs root (mmdebstrap installs packages into a chroot); run it with sudo"
for tool in mmdebstrap qemu-img mkfs.ext4 cpio gzip sha256sum depmod modprobe; do
  command -v "$tool" >/dev/null || die "'$tool' is missing; install it with: apt-get install mmdebstrap qemu-utils e2fsprogs cpio kmod"
done
# The guest's engine relay is C, built here for the guest's CPU and linked statically.
if [[ "$ARCH" == "$(host_arch)" ]]; then
  CC=gcc
  CC_PACKAGE=gcc
elif [[ "$ARCH" == arm64 ]]; then
  CC=aarch64-linux-gnu-gcc
  CC_PACKAGE=gcc-aarch64-linux-gnu
else
  CC=x86_64-linux-gnu-gcc
  CC_PACKAGE=gcc-x86-64-linux-gnu
fi
command -v "$CC" >/dev/null || die "'$CC' is missing; install it with: apt-get install $CC_PACKAGE libc6-dev"

if [[ "$ARCH" != "$(host_arch)" ]]; then
  binfmt=qemu-aarch64
  [[ "$ARCH" == amd64 ]] && binfmt=qemu-x86_64
  if [[ ! -e "/proc/sys/fs/binfmt_misc/$binfmt" ]] || ! command -v arch-test >/dev/null; then
    die "building $ARCH on a $(host_arch) host runs its package scripts under qemu-user: apt-get install qemu-user-static binfmt-support arch-test (and mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc if it is not mounted)"
  fi
fi

PACKAGES=()
while read -r line; do
  line="${line%%#*}"
  line="${line//[[:space:]]/}"
  [[ -n "$line" ]] && PACKAGES+=("${line//\{arch\}/$ARCH}")
done <"$HERE/$PACKAGE_LIST"

MMDEBSTRAP_OPTIONS=(
  --variant=minbase --arch="$ARCH" --components=main
  --aptopt='Acquire::Languages "none"' --aptopt='APT::Install-Recommends "false"'
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/doc/*'
  --dpkgopt='path-include=/usr/share/doc/*/copyright' --format=tar
)
SOURCES=("deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" "deb $SECURITY_MIRROR $SUITE-security main")

# Hash of what shapes the mmdebstrap tarball; it names the cache folder.
ROOTFS_KEY="$(printf '%s\n' "$SUITE" "${SOURCES[@]}" "${PACKAGES[@]}" "${MMDEBSTRAP_OPTIONS[@]}" | sha256sum | cut -d' ' -f1)"

# Hash of everything that shapes the output: this script, the package list, the guest files, the relay.
recipe_hash() {
  {
    echo "arch=$ARCH suite=$SUITE"
    (cd "$HERE" && find build.sh "$PACKAGE_LIST" initrd guest relay \( -type f -o -type l \) -print0 | LC_ALL=C sort -z |
      while IFS= read -r -d '' f; do
        if [[ -L "$f" ]]; then echo "$f -> $(readlink "$f")"; else echo "$f $(stat -c %a "$f") $(sha256sum <"$f" | cut -d' ' -f1)"; fi
      done)
  } | sha256sum | cut -d' ' -f1
}
RECIPE_HASH="$(recipe_hash)"

# One build at a time on this machine (they share the cache and maybe the output folder).
mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/build.lock"
flock 9

if [[ -f "$OUT/manifest.json" ]] && grep -q "\"recipeHash\": \"$RECIPE_HASH\"" "$OUT/manifest.json" &&
  [[ -f "$OUT/vmlinuz" && -f "$OUT/initrd.img" && -f "$OUT/base.qcow2" ]]; then
  log "up to date ($OUT, recipe $RECIPE_HASH)"
  exit 0
fi

START=$SECONDS
WORK="$(mktemp -d /var/tmp/berth-vm-build.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
ROOTFS="$WORK/rootfs"
CACHE="$CACHE_ROOT/$ROOTFS_KEY"
TARBALL="$CACHE/rootfs.tar"

# 1. The root filesystem from Debian packages (cached).
if [[ -f "$TARBALL" ]]; then
  log "using cached rootfs $TARBALL"
else
  log "mmdebstrap $SUITE ($ARCH): ${PACKAGES[*]}"
  mkdir -p "$CACHE"
  # INITRD=No: the kernel's postinst skips initramfs-tools; Berth's initrd is built below.
  INITRD=No mmdebstrap "${MMDEBSTRAP_OPTIONS[@]}" --include="$(
    IFS=,
    echo "${PACKAGES[*]}"
  )" "$SUITE" "$TARBALL.partial" "${SOURCES[@]}"
  mv "$TARBALL.partial" "$TARBALL"
  echo "$ARCH" >"$CACHE/arch"
  echo "$SUITE" >"$CACHE/suite"
  # Older rootfs caches of the same architecture and suite are of no further use (caches without a suite file
  # are from when the image was bookworm only).
  for other in "$CACHE_ROOT"/*/; do
    other="${other%/}"
    [[ "$other" != "$CACHE" && -f "$other/arch" && "$(cat "$other/arch")" == "$ARCH" ]] || continue
    [[ "$(cat "$other/suite" 2>/dev/null || echo bookworm)" == "$SUITE" ]] && rm -rf "$other"
  done
fi
log "rootfs ready after $((SECONDS - START)) s"
mkdir -p "$ROOTFS"
tar --xattrs --xattrs-include='*' --numeric-owner -xpf "$TARBALL" -C "$ROOTFS"

# Versions for the manifest, read before apt's lists and the kernel's /boot are stripped.
KVER="$(basename "$(ls -d "$ROOTFS"/lib/modules/*)")"
KERNEL_PACKAGE="linux-image-$KVER"
package_versions() {
  local first=1
  for pkg in "${PACKAGES[@]}" "$KERNEL_PACKAGE" openssh-sftp-server; do
    local version
    version="$(dpkg-query --admindir="$ROOTFS/var/lib/dpkg" -W -f '${Version}' "$pkg" 2>/dev/null)" || continue
    [[ -n "$version" ]] || continue
    ((first)) || printf ',\n'
    first=0
    printf '    "%s": "%s"' "$pkg" "$version"
  done
}
PACKAGE_JSON="$(package_versions)"

# 2. Strip what a VM never reads; no SSH host key may be baked in.
mkdir -p "$OUT"
cp "$ROOTFS/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
for path in "${STRIPPED_PATHS[@]}"; do
  # shellcheck disable=SC2086 # globs in the list are wanted
  rm -rf "${ROOTFS:?}"/$path
done
rm -rf "${ROOTFS:?}"/boot/* "${ROOTFS:?}"/etc/ssh/ssh_host_*
mkdir -p "$ROOTFS/var/log" "$ROOTFS/var/cache/apt" "$ROOTFS/var/lib/apt/lists/partial"
find "$ROOTFS/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete 2>/dev/null || true
find "$ROOTFS" -name __pycache__ -prune -exec rm -rf {} +
: >"$ROOTFS/etc/machine-id"
for tree in "${PRUNED_MODULES[@]}"; do rm -rf "$ROOTFS/lib/modules/$KVER/kernel/$tree"; done
depmod -b "$ROOTFS" "$KVER"

# Docker's many iptables calls at start are about a third faster with the legacy backend.
for tool in iptables ip6tables; do
  for suffix in "" -restore -save; do ln -sfn "/usr/sbin/$tool-legacy$suffix" "$ROOTFS/etc/alternatives/$tool$suffix"; done
done

# 3. Berth's guest files, the engine relay and the helper image's root filesystem.
cp -a "$HERE/guest/." "$ROOTFS/"
"$CC" -O2 -Wall -Wextra -Werror -static -pthread -s -o "$ROOTFS/usr/lib/berth/berth-relay" "$HERE/relay/berth-relay.c"
chown -R 0:0 "$ROOTFS/sbin/berth-init" "$ROOTFS/usr/lib/berth" "$ROOTFS/etc/acpi"
HELPER="$WORK/helper"
mkdir -p "$HELPER/bin" "$HELPER/volume" "$HELPER/tmp"
chmod 1777 "$HELPER/tmp"
cp "$ROOTFS/bin/busybox" "$HELPER/bin/busybox"
for applet in sh find stat readlink rm ls cat tar; do ln -s busybox "$HELPER/bin/$applet"; done
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$HELPER" -cf "$ROOTFS/usr/lib/berth/helper.tar" .

# 4. The root disk: ext4 without partition table or journal (each boot writes to a throwaway overlay).
USED_MIB="$(du -sm "$ROOTFS" | cut -f1)"
SIZE_MIB=$(((USED_MIB * 5 / 4 + 384 + 63) / 64 * 64))
mkfs.ext4 -q -F -L berth-root -O ^has_journal -m 0 -E root_owner=0:0 -d "$ROOTFS" "$WORK/base.raw" "${SIZE_MIB}M"
qemu-img convert -c -m 4 -W -f raw -O qcow2 "$WORK/base.raw" "$WORK/base.qcow2"
log "root disk: ${USED_MIB} MiB of files in a ${SIZE_MIB} MiB ext4, $(du -m "$WORK/base.qcow2" | cut -f1) MiB qcow2"

# 5. A small initrd: static busybox, the modules the root disk needs, and /init.
INITRD="$WORK/initrd"
mkdir -p "$INITRD/bin" "$INITRD/dev" "$INITRD/proc" "$INITRD/sys" "$INITRD/newroot" "$INITRD/lib/modules"
cp "$ROOTFS/bin/busybox" "$INITRD/bin/busybox"
ln -s busybox "$INITRD/bin/sh"
cp "$HERE/initrd/init" "$INITRD/init"
chmod 755 "$INITRD/init"
: >"$INITRD/lib/modules/load-order"
for module in "${INITRD_MODULES[@]}"; do
  modprobe -d "$ROOTFS" -S "$KVER" --show-depends "$module" 2>/dev/null || true
done | awk '$1 == "insmod" { print $2 }' | awk '!seen[$0]++' | while read -r ko; do
  name="$(basename "$ko")"
  cp "$ko" "$INITRD/lib/modules/$name"
  echo "$name" >>"$INITRD/lib/modules/load-order"
done
find "$INITRD" -exec touch -h -d @0 {} +
(cd "$INITRD" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible | gzip -9n) >"$WORK/initrd.img"
log "initrd: $(tr '\n' ' ' <"$INITRD/lib/modules/load-order")($(du -k "$WORK/initrd.img" | cut -f1) KiB)"

# 6. Publish atomically enough: files first, the manifest (which marks the build complete) last.
rm -f "$OUT/manifest.json"
for f in vmlinuz initrd.img base.qcow2; do mv "$WORK/$f" "$OUT/$f"; done
sha() { sha256sum "$OUT/$1" | cut -d' ' -f1; }
VIRTUAL_SIZE=$((SIZE_MIB * 1024 * 1024))
cat >"$OUT/manifest.json.partial" <<EOF
{
  "arch": "$ARCH",
  "suite": "$SUITE",
  "builtAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "recipeHash": "$RECIPE_HASH",
  "kernel": { "version": "$KVER", "file": "vmlinuz", "sha256": "$(sha vmlinuz)" },
  "initrd": { "file": "initrd.img", "sha256": "$(sha initrd.img)" },
  "base": { "file": "base.qcow2", "sha256": "$(sha base.qcow2)", "virtualSizeBytes": $VIRTUAL_SIZE },
  "packages": {
$PACKAGE_JSON
  }
}
EOF
mv "$OUT/manifest.json.partial" "$OUT/manifest.json"
log "built $OUT in $((SECONDS - START)) s (recipe $RECIPE_HASH)"
