# Shared by scripts/check-trixie and scripts/cross-arm64 (sourced, not run):
# cached debootstrap roots under $LANYARD_CHECK_CACHE/SUITE, chroot with proc,
# sys and dev mounted, and the tree copied in. The caller sets suite, cache
# and work, and calls chroot_cleanup at exit.
mounted=()

chroot_cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -R "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" 2>/dev/null || true
  done
  mounted=()
}

# mount_into ROOT: proc, sys, dev and the shared apt download cache.
mount_into() {
  local r=$1
  mount -t proc proc "$r/proc" && mounted+=("$r/proc")
  mount -t sysfs sys "$r/sys" && mounted+=("$r/sys")
  mount --rbind /dev "$r/dev" && mount --make-rslave "$r/dev" && mounted+=("$r/dev")
  mkdir -p "$cache/archives/partial"
  mount --bind "$cache/archives" "$r/var/cache/apt/archives" && mounted+=("$r/var/cache/apt/archives")
  cp /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
  quiet_root "$r"
}

unmount_from() {
  local r=$1 keep=() m
  stop_in_root "$r"
  for m in "${mounted[@]}"; do
    case "$m" in
      "$r"/* | "$r") umount -R "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true ;;
      *) keep+=("$m") ;;
    esac
  done
  mounted=("${keep[@]}")
}

# quiet_root ROOT: package installs in ROOT start no services (policy-rc.d).
quiet_root() {
  printf '#!/bin/sh\nexit 101\n' >"$1/usr/sbin/policy-rc.d"
  chmod 0755 "$1/usr/sbin/policy-rc.d"
}

# stop_in_root ROOT: ends the processes still running in ROOT (a cupsd a test
# started), each by its id, so ROOT can be unmounted.
stop_in_root() {
  local r pid
  r=$(realpath "$1")
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$r" ] && kill "$pid" 2>/dev/null || true
  done
}

in_root() {
  local r=$1
  shift
  chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive TERM=dumb "$@"
}

# in_root_isolated ROOT CMD...: in_root in a network namespace of its own, with
# only loopback: a server a test starts in ROOT (cupsd on localhost:631, Xvfb)
# is ROOT's own, never one of this machine's answering on the same address.
in_root_isolated() {
  local r=$1
  shift
  unshare --net -- sh -c 'ip link set lo up && exec "$@"' sh \
    chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive TERM=dumb "$@"
}

# ensure_base: $cache/base, a minimal Debian $suite.
ensure_base() {
  [ -d "$cache/base" ] && return 0
  command -v debootstrap >/dev/null || { echo "needs debootstrap (apt-get install debootstrap)" >&2; return 1; }
  echo "debootstrap $suite (minbase) from $mirror: $cache/base"
  rm -rf "$cache/base.tmp"
  mkdir -p "$cache/archives"
  debootstrap --variant=minbase --cache-dir="$cache/archives" "$suite" "$cache/base.tmp" "$mirror" \
    >"$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log" >&2; return 1; }
  mv "$cache/base.tmp" "$cache/base"
}

# ensure_copy NAME: $cache/NAME, a copy of the base root made once.
ensure_copy() {
  local dir=$cache/$1
  [ -d "$dir" ] && return 0
  rm -rf "$dir.tmp"
  cp -a "$cache/base" "$dir.tmp"
  mv "$dir.tmp" "$dir"
}

# copy_tree ROOT: the tree as it is now (tracked and untracked files, not the
# ignored ones) in ROOT/root/lanyard, with a git index for the format test, and
# ../shared beside it. Build folders of an earlier copy stay, for quick re-runs.
copy_tree() {
  local r=$1 dest=$1/root/lanyard
  mkdir -p "$dest"
  find "$dest" -mindepth 1 -maxdepth 1 ! -name 'build*' -exec rm -rf {} +
  # Copied files get the time of the copy (tar -m): a build folder kept from
  # an earlier run must not take a source older than its objects as built.
  git ls-files -z -co --exclude-standard | tar --null -T - -cf - | tar -xmf - -C "$dest"
  rm -rf "$r/root/shared"
  if [ -d ../shared ]; then cp -a ../shared "$r/root/shared"; fi
  in_root "$r" sh -c 'cd /root/lanyard && git init -q && git add -A'
}

# The package version of this tree (as packaging/CMakeLists.txt makes it from
# git), for a copy that has no history: -DLANYARD_PACKAGE_VERSION=...
tree_version() {
  local base count hash
  base=$(sed -n 's/^project(lanyard VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
  if count=$(git rev-list --count HEAD 2>/dev/null) && hash=$(git rev-parse --short=8 HEAD 2>/dev/null); then
    echo "$base+$count.g$hash"
  else
    echo "$base"
  fi
}
