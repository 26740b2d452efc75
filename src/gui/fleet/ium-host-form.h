/* ium-host-form.h: the view-model of the form that edits the versions on one host.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-inventory.h"

G_BEGIN_DECLS

/* clang-format off */

typedef struct {
  char *component; /* owned: the component id */
  char *label;     /* owned: its name for people */
  char *text;      /* owned: as typed; empty means not installed */
  char *stored;    /* owned: as stored; empty when not installed */
} IumHostFormField;

/* The form's state: one field per component of the inventory, in id order. */
typedef struct {
  char         *instrument; /* owned */
  char         *host;       /* owned */
  IumInventory *inventory;  /* owned: parses each component's scheme */
  GPtrArray    *fields;     /* owned, of IumHostFormField */
} IumHostForm;

/* What the widgets show, computed from the form alone (ium_host_form_get_state). */
typedef struct {
  GPtrArray *errors;      /* owned, one per field: the message, or NULL when it is fine */
  guint      n_changed;   /* fields that differ from what is stored */
  gboolean   can_save;    /* the Save button is sensitive */
  char      *message;     /* owned: the line under the fields */
  gboolean   message_is_error;
} IumHostFormState;

IumHostForm      *ium_host_form_new           (IumInventory      *inventory,
                                               IumInstrument     *instrument,
                                               IumHost           *host);
void              ium_host_form_free          (IumHostForm       *form);
void              ium_host_form_set_text      (IumHostForm       *form,
                                               guint              index,
                                               const char        *text);
/* The pure function from the form to its widgets' state; @holds_token says whether the
 * person may save at all (a host's versions record a deployment). Owned. */
IumHostFormState *ium_host_form_get_state     (const IumHostForm *form,
                                               gboolean           holds_token);
void              ium_host_form_state_free    (IumHostFormState  *state);
/* Component id -> version of every non-empty field, for ium_store_set_installed(). Owned. */
GHashTable       *ium_host_form_dup_installed (const IumHostForm *form);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumHostForm, ium_host_form_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumHostFormState, ium_host_form_state_free)

/* clang-format on */

G_END_DECLS
