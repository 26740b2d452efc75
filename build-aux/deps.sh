# shellcheck shell=bash
# The Debian packages that build, run and test Instrument Update Manager, in one place.
# Sourced by build-aux/run and build-aux/test; run it directly to install what is missing.

IUM_DEBIAN_PACKAGES=(
  # Toolchain and build system.
  build-essential
  meson
  ninja-build
  pkg-config
  # libium: GLib/GIO, JSON, SQLite, iCalendar, PDF reports.
  libglib2.0-dev
  libglib2.0-dev-bin
  libjson-glib-dev
  libsqlite3-dev
  libical-dev
  libcairo2-dev
  libpango1.0-dev
  # The reports' typeface (Cantarell), and DejaVu for the glyphs it lacks.
  fonts-cantarell
  fonts-dejavu-core
  # The server and the client check; glib-networking is GIO's TLS backend (ium serve
  # --tls-cert), openssl makes the server tests' self-signed certificate.
  libsoup-3.0-dev
  glib-networking
  openssl
  # libium-client's typelib, and the Python client of docs/client-integration.md.
  gobject-introspection
  libgirepository1.0-dev
  gir1.2-gtk-4.0
  gir1.2-json-1.0
  python3-gi
  # The GTK application and its data files: SVG icons need librsvg's pixbuf loader (only
  # recommended by GTK, so not installed with --no-install-recommends); the data files are
  # validated by the gui suite.
  libgtk-4-dev
  librsvg2-common
  adwaita-icon-theme
  gettext
  desktop-file-utils
  appstream
  # meson install's post-install step refreshes the icon cache (gnome.post_install).
  gtk-update-icon-cache
  # The install suite renders the man page and indexes it (man, lexgrog).
  man-db
  # build-aux/test: the formatting check (.clang-format is written for version 14) and
  # static analysis.
  clang-format
  cppcheck
  # Tests: the server suite renders the status page in headless Chromium (with a font to
  # draw it in) and reads the PNG back with gdk-pixbuf.
  chromium
  fonts-dejavu-core
  libgdk-pixbuf-2.0-dev
  # Tests: GUI tests under Xvfb, the sqlite3 shell, helper scripts, benchmarks.
  xvfb
  xauth
  sqlite3
  python3
  hyperfine
  # Report tests read the PDF back with pdftotext.
  poppler-utils
  # The user guide's commands (tests/test-user-guide.py) talk to ium serve with curl.
  curl
)

# Prints the packages of IUM_DEBIAN_PACKAGES that are not installed, one a line.
ium_missing_deps () {
  local status pkg
  local -A installed=()

  # One dpkg-query for the whole list keeps a second run fast; packages dpkg has never heard
  # of are reported on stderr and simply stay missing.
  while read -r pkg status; do
    if [[ $status == "install ok installed" ]]; then
      installed[$pkg]=1
    fi
  done < <(dpkg-query -W -f='${Package} ${Status}\n' "${IUM_DEBIAN_PACKAGES[@]}" 2>/dev/null || true)

  for pkg in "${IUM_DEBIAN_PACKAGES[@]}"; do
    if [[ -z ${installed[$pkg]:-} ]]; then
      printf '%s\n' "$pkg"
    fi
  done
}

# Installs whatever is missing with apt-get (through sudo when not root). Does nothing, and
# touches no network, when everything is already installed.
ium_install_deps () {
  local -a missing=() sudo=()

  if ! command -v dpkg-query >/dev/null 2>&1; then
    printf 'deps: no dpkg-query here (not Debian?); make sure these are installed:\n  %s\n' \
      "${IUM_DEBIAN_PACKAGES[*]}" >&2
    return 0
  fi

  mapfile -t missing < <(ium_missing_deps)
  if (( ${#missing[@]} == 0 )); then
    return 0
  fi

  if (( EUID != 0 )); then
    if ! command -v sudo >/dev/null 2>&1; then
      printf 'deps: missing packages and no sudo to install them as %s:\n  %s\n' \
        "$(id -un)" "${missing[*]}" >&2
      return 1
    fi
    sudo=(sudo)
  fi

  printf 'deps: installing %s\n' "${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update || return
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}" || return
}

# Run directly (not sourced): install what is missing.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  ium_install_deps
fi
