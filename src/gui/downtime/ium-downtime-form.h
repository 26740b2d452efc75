/* ium-downtime-form.h: the downtime view's editor as a view-model: a window or a cycle as
 * typed, and a pure function from it to the object core stores, or the words to show under
 * each field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ium-inventory.h"

G_BEGIN_DECLS

/* clang-format off */

typedef enum {
  IUM_DOWNTIME_FORM_WINDOW,
  IUM_DOWNTIME_FORM_CYCLE,
} IumDowntimeFormKind;

typedef struct {
  IumDowntimeFormKind  kind;
  char                *original;    /* owned, nullable: the key of the window or the name of
                                     * the cycle being edited; NULL for a new one */
  char                *start;       /* owned: as typed */
  char                *end;         /* owned: as typed */
  char                *label;       /* owned: the window's label, or the cycle's name */
  char                *instruments; /* owned: windows only; names separated by commas, ""
                                     * for every instrument */
  gboolean             freeze;      /* cycles only */
} IumDowntimeForm;

typedef struct {
  JsonNode *object;            /* owned: the inventory file's object, NULL when a field is
                                * wrong */
  char     *start_error;       /* owned, nullable */
  char     *end_error;
  char     *label_error;
  char     *instruments_error;
  char     *other_error;       /* what belongs to no one field */
} IumDowntimeFormCheck;

/* A new window (tomorrow 08:00–18:00 UTC, every instrument) or cycle (from tomorrow, for six
 * weeks, frozen), without a label: the person names it. Owned. */
IumDowntimeForm      *ium_downtime_form_new             (IumDowntimeFormKind    kind,
                                                         GDateTime             *now);
IumDowntimeForm      *ium_downtime_form_new_from_window (IumWindow             *window);
IumDowntimeForm      *ium_downtime_form_new_from_cycle  (IumCycle              *cycle);
void                  ium_downtime_form_free            (IumDowntimeForm       *form);

IumDowntimeFormCheck *ium_downtime_form_check           (const IumDowntimeForm *form,
                                                         IumInventory          *inventory);
/* Puts @error, from core's ium_store_put_window() and friends (whose message starts with
 * the key at fault: "end: ..."), under its field. */
void                  ium_downtime_form_check_add_error (IumDowntimeFormCheck  *check,
                                                         const GError          *error);
void                  ium_downtime_form_check_free      (IumDowntimeFormCheck  *check);

/* A time as the editor shows it: "2027-01-05 08:00" in UTC. Owned. */
char                 *ium_downtime_format_time          (GDateTime             *time);
/* Reads "2027-01-05 08:00" or "2027-01-05" (UTC) or an RFC 3339 time; NULL with a
 * G_IO_ERROR_INVALID_DATA error quoting @text. Owned. */
GDateTime            *ium_downtime_parse_time           (const char            *text,
                                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumDowntimeForm, ium_downtime_form_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumDowntimeFormCheck, ium_downtime_form_check_free)

/* clang-format on */

G_END_DECLS
