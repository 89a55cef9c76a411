# Installs Rapport from this unpacked folder, as Fyne's own tarballs do.
#
#   sudo make install           for everyone, into /usr/local
#   make user-install           for yourself only, into ~/.local
#   sudo make uninstall         (or make user-uninstall) removes what it put there
#
# PREFIX picks another place (make install PREFIX=/opt/rapport); DESTDIR
# stages an install for a package builder. Your data folder
# (~/.local/share/rapport) is never touched.

PREFIX ?= /usr/local
FILES  := $(shell cd usr && find . -type f | sed 's,^\./,,' | LC_ALL=C sort)
DESK   := share/applications/@APP_ID@.desktop

# Desktop caches are refreshed only where they already exist, so that an
# uninstall leaves nothing behind in a prefix that had none.
refresh = d="$(DESTDIR)$(PREFIX)/share"; \
	if [ -f "$$d/icons/hicolor/icon-theme.cache" ]; then gtk-update-icon-cache -qtf "$$d/icons/hicolor" || true; fi; \
	if [ -f "$$d/applications/mimeinfo.cache" ]; then update-desktop-database -q "$$d/applications" || true; fi

.PHONY: default install uninstall user-install user-uninstall

default:
	@sed -n '2,9s/^# \{0,1\}//p' Makefile

install:
	@for f in $(FILES); do \
	  mode=0644; case $$f in bin/*) mode=0755;; esac; \
	  install -Dm$$mode "usr/$$f" "$(DESTDIR)$(PREFIX)/$$f" || exit 1; \
	done
	@# The menu entry names the binary by its full path, so it starts even
	@# when PREFIX/bin is not on the desktop session's PATH.
	sed -i 's,^Exec=rapport,Exec=$(PREFIX)/bin/rapport,' "$(DESTDIR)$(PREFIX)/$(DESK)"
	@$(refresh)
	@echo "Rapport is installed in $(DESTDIR)$(PREFIX); start it from your menu or with $(PREFIX)/bin/rapport"

uninstall:
	@for f in $(FILES); do rm -f "$(DESTDIR)$(PREFIX)/$$f"; done
	@$(refresh)
	@echo "Rapport is removed from $(DESTDIR)$(PREFIX); your data folder is left as it was"

user-install:
	@$(MAKE) --no-print-directory install PREFIX="$(HOME)/.local"

user-uninstall:
	@$(MAKE) --no-print-directory uninstall PREFIX="$(HOME)/.local"
