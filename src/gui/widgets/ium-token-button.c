/* ium-token-button.c: the deploy token in the header bar: who holds it and since when, and
 * taking, taking over and releasing it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-token-button.h"

#include "ium-error-text.h"

struct _IumTokenButton
{
  GtkWidget            parent_instance;

  GtkMenuButton       *menu_button;
  GtkImage            *icon;
  GtkLabel            *label;
  GtkLabel            *status_label;
  GtkEntry            *note_entry;
  GtkEntry            *reason_entry;
  GtkLabel            *error_label;
  GtkWidget           *take_button;
  GtkWidget           *steal_button;
  GtkWidget           *release_button;

  IumInventoryService *service;     /* owned */
  GCancellable        *cancellable; /* owned */
  gboolean             working;
};

enum
{
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumTokenButton, ium_token_button, GTK_TYPE_WIDGET)

char *
ium_format_since (const char *rfc3339)
{
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (rfc3339 == NULL || (when = g_date_time_new_from_iso8601 (rfc3339, NULL)) == NULL)
    return NULL;
  local = g_date_time_to_local (when);
  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: the time the token was taken today (strftime format). */
    return g_date_time_format (local, _ ("%H:%M"));
  /* Translators: the day and time the token was taken (strftime format). */
  return g_date_time_format (local, _ ("%a %-d %b, %H:%M"));
}

static void
update (IumTokenButton *self)
{
  const IumToken  *token = ium_inventory_service_get_token (self->service);
  gboolean         mine = ium_inventory_service_get_holds_token (self->service);
  gboolean         held = token != NULL && token->holder != NULL;
  gboolean         loaded = token != NULL;
  g_autofree char *since = held ? ium_format_since (token->since) : NULL;
  g_autofree char *label = NULL;
  g_autofree char *status = NULL;
  GtkWidget       *button = GTK_WIDGET (self->menu_button);

  if (!loaded)
    {
      label = g_strdup (_ ("No token"));
      status = g_strdup (_ ("Open an inventory to see who holds its deploy token."));
    }
  else if (!held)
    {
      label = g_strdup (_ ("Token free"));
      status = g_strdup (_ ("Nobody holds the deploy token. Take it before you change the "
                            "versions installed on a host or the state of an upgrade."));
    }
  else if (mine)
    {
      /* Translators: the header bar's token button: %s is a time. */
      label = g_strdup_printf (_ ("You hold the token since %s"), since ? since : "?");
      status = g_strdup (_ ("You hold the deploy token: you may change installed versions and "
                            "upgrade states. Release it when you are done."));
    }
  else
    {
      /* Translators: the header bar's token button: a name and a time. */
      label = g_strdup_printf (_ ("Token: %s since %s"), token->holder, since ? since : "?");
      status = g_strdup_printf (_ ("%s holds the deploy token since %s. Ask them to release it, "
                                   "or take it over and say why."),
                                token->holder, since ? since : "?");
    }
  if (held && token->note != NULL && *token->note != '\0')
    {
      char *with_note = g_strdup_printf (_ ("%s\nNote: “%s”"), status, token->note);
      g_free (status);
      status = with_note;
    }

  gtk_label_set_label (self->label, label);
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_tooltip_text (button, status);

  gtk_widget_remove_css_class (button, "token-mine");
  gtk_widget_remove_css_class (button, "token-other");
  if (mine)
    gtk_widget_add_css_class (button, "token-mine");
  else if (held)
    gtk_widget_add_css_class (button, "token-other");
  gtk_image_set_from_icon_name (self->icon,
                                held ? "changes-prevent-symbolic" : "changes-allow-symbolic");

  gtk_widget_set_visible (GTK_WIDGET (self->note_entry), loaded && !mine);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_entry), loaded && held && !mine);
  gtk_widget_set_visible (self->take_button, loaded && !held);
  gtk_widget_set_visible (self->steal_button, loaded && held && !mine);
  gtk_widget_set_visible (self->release_button, mine);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "token.take",
                                 loaded && !held && !self->working);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "token.release", mine && !self->working);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "token.steal",
                                 loaded && held && !mine && !self->working
                                   && *gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)));
}

static void
show_error (IumTokenButton *self, const char *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
token_changed_cb (IumTokenButton *self)
{
  update (self);
}

static void
reason_changed_cb (IumTokenButton *self)
{
  update (self);
}

static void
edit_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumTokenButton) self = user_data;
  IumInventoryService *service = IUM_INVENTORY_SERVICE (object);
  g_autoptr (GError) error = NULL;

  if (ium_inventory_service_was_cancelled (result))
    return;

  self->working = FALSE;
  if (!ium_inventory_service_edit_finish (service, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, IUM_ROLLOUT_ERROR, IUM_ROLLOUT_ERROR_REFUSED))
        {
          /* The token changed hands meanwhile: show who has it now. */
          show_error (self, _ ("Refused: the token changed hands in the meantime. Who holds it "
                               "now is shown above."));
          ium_inventory_service_reload (service);
        }
      else
        {
          g_autofree char *sentence = ium_error_sentence (error);
          show_error (self, sentence);
        }
      update (self);
      return;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  update (self);
  gtk_menu_button_popdown (self->menu_button);
}

static const char *
entry_text_or_null (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  return *text ? text : NULL;
}

static void
take_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumTokenButton *self = IUM_TOKEN_BUTTON (widget);
  gboolean        steal = g_str_equal (action_name, "token.steal");
  const char     *reason = entry_text_or_null (self->reason_entry);

  if (steal && reason == NULL)
    {
      show_error (self, _ ("Say why you take the token over: the reason is kept in its history."));
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
      return;
    }
  self->working = TRUE;
  update (self);
  ium_inventory_service_take_token_async (self->service, entry_text_or_null (self->note_entry),
                                          steal, steal ? reason : NULL, self->cancellable,
                                          edit_done_cb, g_object_ref (self));
}

static void
release_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumTokenButton *self = IUM_TOKEN_BUTTON (widget);

  self->working = TRUE;
  update (self);
  ium_inventory_service_release_token_async (self->service, NULL, self->cancellable, edit_done_cb,
                                             g_object_ref (self));
}

static void
ium_token_button_constructed (GObject *object)
{
  IumTokenButton *self = IUM_TOKEN_BUTTON (object);
  const char     *signals[] = { "notify::token-holder", "notify::token-since", "notify::token-note",
                                "notify::holds-token", "notify::inventory" };

  G_OBJECT_CLASS (ium_token_button_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (self->service, signals[i], G_CALLBACK (token_changed_cb), self,
                             G_CONNECT_SWAPPED);
  update (self);
}

static void
ium_token_button_dispose (GObject *object)
{
  IumTokenButton *self = IUM_TOKEN_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_TOKEN_BUTTON);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_token_button_parent_class)->dispose (object);
}

static void
ium_token_button_finalize (GObject *object)
{
  IumTokenButton *self = IUM_TOKEN_BUTTON (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ium_token_button_parent_class)->finalize (object);
}

static void
ium_token_button_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumTokenButton *self = IUM_TOKEN_BUTTON (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_token_button_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  IumTokenButton *self = IUM_TOKEN_BUTTON (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_token_button_class_init (IumTokenButtonClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ium_token_button_constructed;
  object_class->dispose = ium_token_button_dispose;
  object_class->finalize = ium_token_button_finalize;
  object_class->get_property = ium_token_button_get_property;
  object_class->set_property = ium_token_button_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, IUM_TYPE_INVENTORY_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "widgets/ium-token-button.ui");
  gtk_widget_class_bind_template_child (widget_class, IumTokenButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, IumTokenButton, icon);
  gtk_widget_class_bind_template_child (widget_class, IumTokenButton, label);
  gtk_widget_class_bind_template_child (widget_class, IumTokenButton, status_label);
  gtk_widget_class_bind_template_child (widget_class, IumTokenButton, note_entry);
  gtk_widget_class_bind_template_child (widget_class, IumTokenButton, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, IumTokenButton, error_label);
  gtk_widget_class_bind_template_child (widget_class, IumTokenButton, take_button);
  gtk_widget_class_bind_template_child (widget_class, IumTokenButton, steal_button);
  gtk_widget_class_bind_template_child (widget_class, IumTokenButton, release_button);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);

  gtk_widget_class_install_action (widget_class, "token.take", NULL, take_action);
  gtk_widget_class_install_action (widget_class, "token.steal", NULL, take_action);
  gtk_widget_class_install_action (widget_class, "token.release", NULL, release_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ium_token_button_init (IumTokenButton *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ium_token_button_new (IumInventoryService *service)
{
  return g_object_new (IUM_TYPE_TOKEN_BUTTON, "service", service, NULL);
}

const char *
ium_token_button_get_label (IumTokenButton *self)
{
  g_return_val_if_fail (IUM_IS_TOKEN_BUTTON (self), NULL);
  return gtk_label_get_label (self->label);
}

const char *
ium_token_button_get_error (IumTokenButton *self)
{
  g_return_val_if_fail (IUM_IS_TOKEN_BUTTON (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

void
ium_token_button_popup (IumTokenButton *self)
{
  g_return_if_fail (IUM_IS_TOKEN_BUTTON (self));
  gtk_menu_button_popup (self->menu_button);
}

GtkEditable *
ium_token_button_get_reason_entry (IumTokenButton *self)
{
  g_return_val_if_fail (IUM_IS_TOKEN_BUTTON (self), NULL);
  return GTK_EDITABLE (self->reason_entry);
}
