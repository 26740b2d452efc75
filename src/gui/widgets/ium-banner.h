/* ium-banner.h: a message across the top of a window or a view, with what to do about it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

typedef enum {
  IUM_BANNER_INFO,
  IUM_BANNER_WARNING,
  IUM_BANNER_ERROR,
} IumBannerKind;

#define IUM_TYPE_BANNER (ium_banner_get_type ())
G_DECLARE_FINAL_TYPE (IumBanner, ium_banner, IUM, BANNER, GtkWidget)

GtkWidget  *ium_banner_new                  (void);
/* Shows @title and @body (nullable) and hides the buttons; set them after this. */
void        ium_banner_show                 (IumBanner     *self,
                                             IumBannerKind  kind,
                                             const char    *title,
                                             const char    *body);
/* The main button (and a second one): a label and the action it activates; NULL hides it. */
void        ium_banner_set_action           (IumBanner     *self,
                                             const char    *label,
                                             const char    *action_name);
void        ium_banner_set_secondary_action (IumBanner     *self,
                                             const char    *label,
                                             const char    *action_name);
void        ium_banner_dismiss              (IumBanner     *self);
gboolean    ium_banner_get_revealed         (IumBanner     *self);
IumBannerKind ium_banner_get_kind           (IumBanner     *self);
const char *ium_banner_get_title            (IumBanner     *self);
const char *ium_banner_get_body             (IumBanner     *self);

/* clang-format on */

G_END_DECLS
