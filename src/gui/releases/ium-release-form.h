/* ium-release-form.h: the view-model of the form that adds or edits a release.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-inventory.h"

G_BEGIN_DECLS

/* clang-format off */

/* The form's state, a plain value the dialog writes into as the person types. */
typedef struct {
  IumInventory *inventory;  /* owned: the releases and schemes it is checked against */
  gboolean      editing;    /* an existing release: its version cannot change */
  char         *version;    /* owned */
  IumTier       tier;
  char         *date;       /* owned: YYYY-MM-DD or empty */
  char         *patch_of;   /* owned: a release's version or empty */
  char         *url;        /* owned */
  char         *notes;      /* owned */
  GStrv         components; /* owned: the inventory's component ids, in order */
  GStrv         component_versions; /* owned: one per component; empty: the release's own */
} IumReleaseForm;

/* What the widgets show: computed by ium_release_form_get_state() from the form alone. */
typedef struct {
  char      *title;            /* owned: the dialog's title */
  char      *save_label;       /* owned: "_Add" or "_Save" */
  gboolean   version_editable;
  char      *version_error;    /* owned, nullable */
  char      *date_error;       /* owned, nullable */
  char      *patch_of_error;   /* owned, nullable */
  GPtrArray *component_errors; /* owned, one per component, of char* or NULL */
  GStrv      component_hints;  /* owned, one per component: what an empty field means */
  gboolean   can_save;
} IumReleaseFormState;

/* A form for a new release (@release NULL: today's date, official) or for editing
 * @release. */
IumReleaseForm      *ium_release_form_new          (IumInventory         *inventory,
                                                    IumRelease           *release);
void                 ium_release_form_free         (IumReleaseForm       *form);
void                 ium_release_form_set_version  (IumReleaseForm       *form,
                                                    const char           *version);
void                 ium_release_form_set_date     (IumReleaseForm       *form,
                                                    const char           *date);
void                 ium_release_form_set_patch_of (IumReleaseForm       *form,
                                                    const char           *patch_of);
void                 ium_release_form_set_url      (IumReleaseForm       *form,
                                                    const char           *url);
void                 ium_release_form_set_notes    (IumReleaseForm       *form,
                                                    const char           *notes);
void                 ium_release_form_set_component_version (IumReleaseForm *form,
                                                             guint           index,
                                                             const char     *version);

/* The pure function from the form to the widgets' state. Owned. */
IumReleaseFormState *ium_release_form_get_state    (const IumReleaseForm *form);
void                 ium_release_form_state_free   (IumReleaseFormState  *state);
/* The release the form describes, or NULL with @error when it cannot be saved. Owned. */
IumRelease          *ium_release_form_to_release   (const IumReleaseForm *form,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumReleaseForm, ium_release_form_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IumReleaseFormState, ium_release_form_state_free)

/* clang-format on */

G_END_DECLS
