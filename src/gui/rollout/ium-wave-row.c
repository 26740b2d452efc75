/* ium-wave-row.c: one wave in the rollout planner's form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ium-wave-row.h"

struct _IumWaveRow
{
  GtkWidget      parent_instance;

  GtkLabel      *title_label;
  GtkEntry      *entry;
  GtkMenuButton *add_button;
  GtkButton     *up_button;
  GtkButton     *down_button;
  GtkButton     *remove_button;

  gboolean       setting;
};

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IumWaveRow, ium_wave_row, GTK_TYPE_WIDGET)

static void
append_selector (IumWaveRow *self, const char *selector)
{
  g_autofree char *stripped =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  g_autofree char *text = NULL;

  while (g_str_has_suffix (stripped, ","))
    {
      stripped[strlen (stripped) - 1] = '\0';
      g_strstrip (stripped);
    }
  text = *stripped ? g_strdup_printf ("%s, %s", stripped, selector) : g_strdup (selector);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

static void
entry_changed_cb (IumWaveRow *self)
{
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
append_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  append_selector (IUM_WAVE_ROW (widget), g_variant_get_string (parameter, NULL));
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, IumWaveRow *self)
{
  const char *name = g_value_get_string (value);
  g_auto (GStrv) names = NULL;

  if (name == NULL || *name == '\0')
    return FALSE;
  /* Several instruments dragged at once arrive one a line. */
  names = g_strsplit (name, "\n", -1);
  for (guint i = 0; names[i] != NULL; i++)
    if (*g_strstrip (names[i]) != '\0')
      append_selector (self, names[i]);
  return TRUE;
}

static void
ium_wave_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_WAVE_ROW);

  G_OBJECT_CLASS (ium_wave_row_parent_class)->dispose (object);
}

static void
ium_wave_row_class_init (IumWaveRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_wave_row_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "rollout/ium-wave-row.ui");
  gtk_widget_class_bind_template_child (widget_class, IumWaveRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, IumWaveRow, entry);
  gtk_widget_class_bind_template_child (widget_class, IumWaveRow, add_button);
  gtk_widget_class_bind_template_child (widget_class, IumWaveRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, IumWaveRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, IumWaveRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "wave.append", "s", append_action);
}

static void
ium_wave_row_init (IumWaveRow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
ium_wave_row_new (void)
{
  return g_object_new (IUM_TYPE_WAVE_ROW, NULL);
}

void
ium_wave_row_set (IumWaveRow *self, guint index, guint n_waves, const char *text)
{
  g_autofree char *title = NULL;

  g_return_if_fail (IUM_IS_WAVE_ROW (self));

  title = g_strdup_printf (_ ("Wave %u"), index + 1);
  gtk_label_set_label (self->title_label, title);
  self->setting = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  self->setting = FALSE;

  /* The target first: an action name without its target would be activated without one. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->up_button), "u", index);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->down_button), "u", index);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "u", index);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->up_button), "rollout.wave-up");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->down_button), "rollout.wave-down");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->remove_button), "rollout.wave-remove");
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), index > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), index + 1 < n_waves);
}

const char *
ium_wave_row_get_text (IumWaveRow *self)
{
  g_return_val_if_fail (IUM_IS_WAVE_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
ium_wave_row_set_menu (IumWaveRow *self, GMenuModel *menu)
{
  g_return_if_fail (IUM_IS_WAVE_ROW (self));
  gtk_menu_button_set_menu_model (self->add_button, menu);
}
