/* ium-instrument.h: an instrument (LARMOR, ZOOM, ...) and the hosts its software lives on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ium-host.h"

G_BEGIN_DECLS

/* clang-format off */

#define IUM_TYPE_INSTRUMENT (ium_instrument_get_type ())
G_DECLARE_FINAL_TYPE (IumInstrument, ium_instrument, IUM, INSTRUMENT, GObject)

/* Properties: "name" (construct-only, unique, case-sensitive), "site", "tags" (GStrv),
 * "pin" (release version text or NULL), "busy", "busy-note". */
IumInstrument      *ium_instrument_new           (const char          *name);
const char         *ium_instrument_get_name      (IumInstrument       *self);
const char         *ium_instrument_get_site      (IumInstrument       *self);
void                ium_instrument_set_site      (IumInstrument       *self,
                                                  const char          *site);
/* NULL-terminated, never NULL (an empty array when there are none). Borrowed. */
const char * const *ium_instrument_get_tags      (IumInstrument       *self);
void                ium_instrument_set_tags      (IumInstrument       *self,
                                                  const char * const  *tags);
gboolean            ium_instrument_has_tag       (IumInstrument       *self,
                                                  const char          *tag);
const char         *ium_instrument_get_pin       (IumInstrument       *self);
void                ium_instrument_set_pin       (IumInstrument       *self,
                                                  const char          *pin);
gboolean            ium_instrument_get_busy      (IumInstrument       *self);
const char         *ium_instrument_get_busy_note (IumInstrument       *self);
void                ium_instrument_set_busy      (IumInstrument       *self,
                                                  gboolean             busy,
                                                  const char          *note);

/* The hosts, in the order they were added. */
guint               ium_instrument_get_n_hosts   (IumInstrument       *self);
/* Borrowed, no reference added; NULL past the end. */
IumHost            *ium_instrument_get_host      (IumInstrument       *self,
                                                  guint                position);
IumHost            *ium_instrument_find_host     (IumInstrument       *self,
                                                  const char          *name);
void                ium_instrument_add_host      (IumInstrument       *self,
                                                  IumHost             *host);

/* clang-format on */

G_END_DECLS
