#!/usr/bin/env bash
# Root filesystem for pipeline-harness/debian:<suite> (run on the host by the forge, as root):
# debootstrap minbase, then the same trimming the official debian image applies, so that apt in
# image builds stays small and services never start during a build.
# Usage: rootfs.sh <suite> <mirror> <target-dir>
set -euo pipefail
suite=$1 mirror=$2 target=$3

rm -rf "$target"
# passwd: useradd/groupadd, which recipes need and minbase (essential packages only) lacks.
debootstrap --variant=minbase --include=passwd "$suite" "$target" "$mirror"

cat >"$target/etc/apt/sources.list" <<SOURCES
deb $mirror $suite main
deb $mirror $suite-updates main
deb http://deb.debian.org/debian-security $suite-security main
SOURCES

# Packages installed during image builds: no recommends, no translations, no cached .debs.
cat >"$target/etc/apt/apt.conf.d/90pipeline-harness" <<'APT'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
APT
# Documentation is dead weight in a container image (copyright files are kept).
cat >"$target/etc/dpkg/dpkg.cfg.d/90pipeline-harness" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
DPKG
# Package scripts must not start services inside a build (postgresql would start a cluster).
printf '#!/bin/sh\nexit 101\n' >"$target/usr/sbin/policy-rc.d"
chmod +x "$target/usr/sbin/policy-rc.d"

chroot "$target" apt-get clean
rm -rf "$target"/var/lib/apt/lists/* "$target"/var/cache/apt/*.bin "$target"/tmp/* "$target"/var/tmp/*
find "$target/var/log" -type f -delete
# The engine provides these per container.
: >"$target/etc/resolv.conf"
: >"$target/etc/hostname"
: >"$target/etc/machine-id"
