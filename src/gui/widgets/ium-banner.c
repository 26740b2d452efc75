/* ium-banner.c: a message across the top of a window or a view, with what to do about it.
 *
 * GTK 4.8 has GtkInfoBar, deprecated from 4.10 on; this is the same thing in a revealer that
 * will not need replacing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-banner.h"

struct _IumBanner
{
  GtkWidget     parent_instance;

  GtkRevealer  *revealer;
  GtkWidget    *box;
  GtkImage     *icon;
  GtkLabel     *title_label;
  GtkLabel     *body_label;
  GtkButton    *action_button;
  GtkButton    *secondary_button;

  IumBannerKind kind;
};

G_DEFINE_FINAL_TYPE (IumBanner, ium_banner, GTK_TYPE_WIDGET)

static const struct
{
  const char *css_class;
  const char *icon_name;
} kinds[] = {
  [IUM_BANNER_INFO] = { "info", "dialog-information-symbolic" },
  [IUM_BANNER_WARNING] = { "warning", "dialog-warning-symbolic" },
  [IUM_BANNER_ERROR] = { "error", "dialog-error-symbolic" },
};

static void
set_button (GtkButton *button, const char *label, const char *action_name)
{
  gtk_button_set_label (button, label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_visible (GTK_WIDGET (button), label != NULL);
}

static void
dismiss_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ium_banner_dismiss (IUM_BANNER (widget));
}

static void
ium_banner_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_BANNER);

  G_OBJECT_CLASS (ium_banner_parent_class)->dispose (object);
}

static void
ium_banner_class_init (IumBannerClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "widgets/ium-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, IumBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, IumBanner, box);
  gtk_widget_class_bind_template_child (widget_class, IumBanner, icon);
  gtk_widget_class_bind_template_child (widget_class, IumBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, IumBanner, body_label);
  gtk_widget_class_bind_template_child (widget_class, IumBanner, action_button);
  gtk_widget_class_bind_template_child (widget_class, IumBanner, secondary_button);

  gtk_widget_class_install_action (widget_class, "banner.dismiss", NULL, dismiss_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "banner");
}

static void
ium_banner_init (IumBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ium_banner_new (void)
{
  return g_object_new (IUM_TYPE_BANNER, NULL);
}

void
ium_banner_show (IumBanner *self, IumBannerKind kind, const char *title, const char *body)
{
  g_return_if_fail (IUM_IS_BANNER (self));
  g_return_if_fail (kind <= IUM_BANNER_ERROR);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_widget_remove_css_class (self->box, kinds[i].css_class);
  gtk_widget_add_css_class (self->box, kinds[kind].css_class);
  gtk_image_set_from_icon_name (self->icon, kinds[kind].icon_name);
  self->kind = kind;

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->body_label, body);
  gtk_widget_set_visible (GTK_WIDGET (self->body_label), body != NULL && *body != '\0');
  set_button (self->action_button, NULL, NULL);
  set_button (self->secondary_button, NULL, NULL);

  /* Errors are announced to screen readers as they appear. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
ium_banner_set_action (IumBanner *self, const char *label, const char *action_name)
{
  g_return_if_fail (IUM_IS_BANNER (self));
  set_button (self->action_button, label, action_name);
}

void
ium_banner_set_secondary_action (IumBanner *self, const char *label, const char *action_name)
{
  g_return_if_fail (IUM_IS_BANNER (self));
  set_button (self->secondary_button, label, action_name);
}

void
ium_banner_dismiss (IumBanner *self)
{
  g_return_if_fail (IUM_IS_BANNER (self));
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

gboolean
ium_banner_get_revealed (IumBanner *self)
{
  g_return_val_if_fail (IUM_IS_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

IumBannerKind
ium_banner_get_kind (IumBanner *self)
{
  g_return_val_if_fail (IUM_IS_BANNER (self), IUM_BANNER_INFO);
  return self->kind;
}

const char *
ium_banner_get_title (IumBanner *self)
{
  g_return_val_if_fail (IUM_IS_BANNER (self), NULL);
  return gtk_label_get_label (self->title_label);
}

const char *
ium_banner_get_body (IumBanner *self)
{
  g_return_val_if_fail (IUM_IS_BANNER (self), NULL);
  return gtk_label_get_label (self->body_label);
}
