/* ium-instrument-detail.c: one instrument in full: status, pin, busy, hosts, downtime,
 * history; pin, busy and host versions are edited here.
 *
 * The pane follows an instrument by name: after every load it looks the instrument up again,
 * so an edit made here or by another program shows as soon as the service has it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-instrument-detail.h"

#include "audit/ium-audit-row.h"
#include "fleet/ium-fleet-row.h"
#include "fleet/ium-host-editor.h"
#include "ium-enums.h"
#include "ium-error-text.h"
#include "widgets/ium-badges.h"

#define MAX_WINDOWS 5
#define MAX_HISTORY 15

struct _IumInstrumentDetail
{
  GtkWidget            parent_instance;

  GtkLabel            *name_label;
  GtkLabel            *subtitle_label;
  GtkRevealer         *message_revealer;
  GtkWidget           *message_box;
  GtkLabel            *message_label;
  GtkLabel            *release_label;
  IumTierBadge        *tier_badge;
  GtkLabel            *target_label;
  IumFlagBadges       *flag_badges;
  GtkLabel            *planned_label;
  GtkDropDown         *pin_drop_down;
  GtkSwitch           *busy_switch;
  GtkEntry            *busy_entry;
  GtkWidget           *hosts_box;
  GtkWidget           *windows_box;
  GtkWidget           *history_box;

  IumInventoryService *service;             /* owned */
  char                *name;                /* owned */
  GCancellable        *cancellable;         /* owned: edits */
  GCancellable        *history_cancellable; /* owned */
  GStrv                pin_versions;        /* owned: the drop-down's versions, after "none" */
  guint                n_history;
  gboolean             updating; /* widgets are being set from the data */
};

enum
{
  PROP_0,
  PROP_SERVICE,
  PROP_NAME,
  N_PROPS
};

enum
{
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IumInstrumentDetail, ium_instrument_detail, GTK_TYPE_WIDGET)

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
new_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
show_message (IumInstrumentDetail *self, gboolean is_error, const char *message)
{
  gtk_label_set_label (self->message_label, message);
  gtk_widget_remove_css_class (self->message_box, is_error ? "warning" : "error");
  gtk_widget_add_css_class (self->message_box, is_error ? "error" : "warning");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
show_error (IumInstrumentDetail *self, const char *what, const GError *error)
{
  g_autofree char *sentence = ium_error_sentence (error);
  g_autofree char *message = g_strdup_printf ("%s %s", what, sentence);

  show_message (self, TRUE, message);
}

static void
fill_pin (IumInstrumentDetail *self, IumInventory *inventory, IumInstrument *instrument)
{
  GListModel *releases = ium_inventory_get_releases (inventory);
  guint       n = g_list_model_get_n_items (releases);
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);
  const char *pin = ium_instrument_get_pin (instrument);
  IumRelease *pinned = pin ? ium_inventory_lookup_release (inventory, pin) : NULL;
  guint       selected = 0;

  g_strfreev (self->pin_versions);
  self->pin_versions = g_new0 (char *, n + 1);
  gtk_string_list_append (model, _ ("Not pinned: the newest official release"));

  /* Newest first: the release one pins to is usually recent. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (IumRelease) release = g_list_model_get_item (releases, n - 1 - i);
      const char      *version = ium_release_get_version_text (release);
      const char      *tier = ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (release));
      g_autofree char *item = g_strdup_printf ("%s (%s)", version, ium_tier_get_label (tier));

      self->pin_versions[i] = g_strdup (version);
      gtk_string_list_append (model, item);
      if (release == pinned)
        selected = i + 1;
    }
  gtk_drop_down_set_model (self->pin_drop_down, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->pin_drop_down, selected);
}

static GtkWidget *
new_host_card (IumInstrumentDetail *self, IumFleet *fleet, IumInventory *inventory, IumHost *host)
{
  GtkWidget  *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget  *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget  *title = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget  *name = new_label (ium_host_get_name (host), "heading");
  GtkWidget  *grid = gtk_grid_new ();
  GtkWidget  *edit = gtk_button_new_with_mnemonic (_ ("_Edit Versions…"));
  IumRelease *runs = ium_fleet_get_host_release (fleet, host);
  g_auto (GStrv) ids = ium_host_dup_component_ids (host);
  g_autofree char *role = NULL;

  gtk_widget_add_css_class (card, "card");
  /* Translators: under a host's name: its role and the release it runs. */
  role =
    g_strdup_printf (_ ("%s · runs %s"), ium_host_get_role (host) ? ium_host_get_role (host) : "",
                     runs ? ium_release_get_version_text (runs) : _ ("custom"));
  gtk_box_append (GTK_BOX (title), name);
  gtk_box_append (GTK_BOX (title), new_label (role, "dim-label"));
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);

  gtk_widget_set_valign (edit, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "detail.edit-host");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", ium_host_get_name (host));
  gtk_box_append (GTK_BOX (header), edit);
  gtk_box_append (GTK_BOX (card), header);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      IumComponent *component = ium_inventory_lookup_component (inventory, ids[i]);
      const char   *label = component && ium_component_get_name (component)
                              ? ium_component_get_name (component)
                              : ids[i];
      GtkWidget    *key = new_label (label, "dim-label");
      GtkWidget    *value = new_label (ium_host_get_installed_version (host, ids[i]), "numeric");

      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_grid_attach (GTK_GRID (grid), key, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 1, (int) i, 1, 1);
    }
  gtk_box_append (GTK_BOX (card), grid);
  return card;
}

static void
fill_windows (IumInstrumentDetail *self, IumInventory *inventory)
{
  GListModel *windows = ium_inventory_get_windows (inventory);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  guint shown = 0;

  remove_children (self->windows_box);
  for (guint i = 0; i < g_list_model_get_n_items (windows) && shown < MAX_WINDOWS; i++)
    {
      g_autoptr (IumWindow) window = g_list_model_get_item (windows, i);
      g_autoptr (GDateTime) start = NULL;
      g_autoptr (GDateTime) end = NULL;
      g_autofree char *from = NULL;
      g_autofree char *until = NULL;
      g_autofree char *text = NULL;

      if (g_date_time_compare (ium_window_get_end (window), now) <= 0
          || !ium_window_applies_to (window, self->name))
        continue;
      start = g_date_time_to_local (ium_window_get_start (window));
      end = g_date_time_to_local (ium_window_get_end (window));
      /* Translators: a downtime window's start (strftime format). */
      from = g_date_time_format (start, _ ("%a %-d %b %Y, %H:%M"));
      until = g_date_time_get_day_of_year (start) == g_date_time_get_day_of_year (end)
                  && g_date_time_get_year (start) == g_date_time_get_year (end)
                ? g_date_time_format (end, "%H:%M")
                /* Translators: a downtime window's end on another day (strftime format). */
                : g_date_time_format (end, _ ("%a %-d %b, %H:%M"));
      /* Translators: start, end, and the window's label. */
      text = g_strdup_printf (_ ("%s – %s · %s"), from, until, ium_window_get_label (window));
      gtk_box_append (GTK_BOX (self->windows_box), new_label (text, "numeric"));
      shown++;
    }
  if (shown == 0)
    gtk_box_append (GTK_BOX (self->windows_box),
                    new_label (_ ("No downtime window ahead: it cannot be upgraded until one is "
                                  "added."),
                               "dim-label"));
}

static void
history_loaded_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumInstrumentDetail) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries =
    ium_inventory_service_list_audit_finish (IUM_INVENTORY_SERVICE (object), result, &error);
  g_autoptr (GPtrArray) rows = NULL;

  if (ium_inventory_service_was_cancelled (result)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  remove_children (self->history_box);
  self->n_history = 0;
  if (entries == NULL)
    {
      gtk_box_append (GTK_BOX (self->history_box), new_label (error->message, "error"));
      return;
    }

  rows = ium_audit_rows_build (entries);
  for (guint i = 0; i < rows->len && i < MAX_HISTORY; i++)
    {
      IumAuditRow     *row = g_ptr_array_index (rows, i);
      GtkWidget       *line = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      /* Translators: a history line: when, who, and what they did. */
      g_autofree char *head =
        g_strdup_printf (_ ("%s · %s · %s"), ium_audit_row_get_time (row),
                         ium_audit_row_get_who (row), ium_audit_row_get_action (row));

      gtk_box_append (GTK_BOX (line), new_label (head, "caption"));
      gtk_box_append (GTK_BOX (line), new_label (ium_audit_row_get_summary (row), NULL));
      gtk_box_append (GTK_BOX (self->history_box), line);
      self->n_history++;
    }
  if (rows->len == 0)
    gtk_box_append (GTK_BOX (self->history_box),
                    new_label (_ ("No changes recorded."), "dim-label"));
  else if (rows->len > MAX_HISTORY)
    {
      guint            n_more = rows->len - MAX_HISTORY;
      g_autofree char *more =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u older entry is in the audit log.",
                                      "%u older entries are in the audit log.", n_more),
                         n_more);
      gtk_box_append (GTK_BOX (self->history_box), new_label (more, "dim-label"));
    }
}

static void
load_history (IumInstrumentDetail *self)
{
  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  if (self->service == NULL || self->name == NULL
      || ium_inventory_service_get_inventory (self->service) == NULL)
    return;
  self->history_cancellable = g_cancellable_new ();
  ium_inventory_service_list_audit_async (self->service, NULL, self->name,
                                          self->history_cancellable, history_loaded_cb,
                                          g_object_ref (self));
}

static void
refresh (IumInstrumentDetail *self)
{
  IumInventory      *inventory;
  IumFleetRow       *row;
  IumInstrument     *instrument;
  IumFleet          *fleet;
  g_autofree char   *subtitle = NULL;
  g_autofree char   *target = NULL;
  const char *const *tags;

  if (self->service == NULL || self->name == NULL)
    return;
  inventory = ium_inventory_service_get_inventory (self->service);
  fleet = ium_inventory_service_get_fleet (self->service);
  row = ium_inventory_service_lookup_row (self->service, self->name);
  gtk_label_set_label (self->name_label, self->name);
  if (row == NULL || inventory == NULL)
    {
      g_autofree char *gone = g_strdup_printf (_ ("%s is no longer in the inventory."), self->name);
      show_message (self, FALSE, gone);
      return;
    }

  self->updating = TRUE;
  instrument = ium_fleet_row_get_instrument (row);
  tags = ium_instrument_get_tags (instrument);
  subtitle = tags[0] != NULL ? g_strdup_printf ("%s · %s", ium_instrument_get_site (instrument),
                                                ium_fleet_row_get_tags (row))
                             : g_strdup (ium_instrument_get_site (instrument));
  gtk_label_set_label (self->subtitle_label, subtitle);

  gtk_label_set_label (self->release_label, ium_fleet_row_get_release (row));
  ium_tier_badge_set_tier (self->tier_badge, ium_fleet_row_get_tier (row));
  if (ium_fleet_row_get_target (row) == NULL)
    target = g_strdup (_ ("none: there is no official release"));
  else if (ium_fleet_row_get_behind (row) > 0)
    target =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u release line behind)",
                                    "%s (%u release lines behind)", ium_fleet_row_get_behind (row)),
                       ium_fleet_row_get_target (row), ium_fleet_row_get_behind (row));
  else
    target = g_strdup (ium_fleet_row_get_target (row));
  gtk_label_set_label (self->target_label, target);
  ium_flag_badges_set_flags (self->flag_badges, ium_fleet_row_get_flags (row));
  gtk_label_set_label (self->planned_label, ium_fleet_row_get_planned_detail (row)
                                              ? ium_fleet_row_get_planned_detail (row)
                                              : _ ("No upgrade planned"));

  fill_pin (self, inventory, instrument);
  gtk_switch_set_active (self->busy_switch, ium_instrument_get_busy (instrument));
  gtk_editable_set_text (
    GTK_EDITABLE (self->busy_entry),
    ium_instrument_get_busy_note (instrument) ? ium_instrument_get_busy_note (instrument) : "");

  remove_children (self->hosts_box);
  for (guint i = 0; i < ium_instrument_get_n_hosts (instrument); i++)
    gtk_box_append (
      GTK_BOX (self->hosts_box),
      new_host_card (self, fleet, inventory, ium_instrument_get_host (instrument, i)));
  fill_windows (self, inventory);
  self->updating = FALSE;
}

static void
loaded_cb (IumInstrumentDetail *self)
{
  refresh (self);
  load_history (self);
}

static void
edit_done_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumInstrumentDetail) self = user_data;
  g_autoptr (GError) error = NULL;

  if (ium_inventory_service_was_cancelled (result))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_drop_down), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->busy_switch), TRUE);
  if (ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (object), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  show_error (self, _ ("Not changed:"), error);
  /* Back to what is stored. */
  refresh (self);
}

static void
pin_selected_cb (IumInstrumentDetail *self)
{
  guint       selected = gtk_drop_down_get_selected (self->pin_drop_down);
  const char *release;

  if (self->updating || self->name == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  release = selected == 0 ? NULL : self->pin_versions[selected - 1];
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_drop_down), FALSE);
  ium_inventory_service_set_pin_async (self->service, self->name, release, self->cancellable,
                                       edit_done_cb, g_object_ref (self));
}

static void
set_busy (IumInstrumentDetail *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->busy_switch), FALSE);
  ium_inventory_service_set_busy_async (self->service, self->name,
                                        gtk_switch_get_active (self->busy_switch),
                                        gtk_editable_get_text (GTK_EDITABLE (self->busy_entry)),
                                        self->cancellable, edit_done_cb, g_object_ref (self));
}

static void
busy_toggled_cb (IumInstrumentDetail *self)
{
  if (self->updating || self->name == NULL)
    return;
  set_busy (self);
}

static void
busy_note_activated_cb (IumInstrumentDetail *self)
{
  /* A note only means something for a busy instrument: Enter on it marks it busy. */
  if (self->name == NULL)
    return;
  if (!gtk_switch_get_active (self->busy_switch))
    {
      self->updating = TRUE;
      gtk_switch_set_active (self->busy_switch, TRUE);
      self->updating = FALSE;
    }
  set_busy (self);
}

static void
edit_host_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumInstrumentDetail *self = IUM_INSTRUMENT_DETAIL (widget);
  const char          *host = g_variant_get_string (parameter, NULL);
  GtkWidget           *editor;

  if (self->service == NULL || self->name == NULL)
    return;
  if (!ium_inventory_service_get_holds_token (self->service))
    {
      const IumToken  *token = ium_inventory_service_get_token (self->service);
      g_autofree char *message = NULL;

      if (token != NULL && token->holder != NULL)
        message = g_strdup_printf (_ ("You cannot change the versions on %s: %s holds the deploy "
                                      "token. Ask them to release it, or take it over from the "
                                      "token button in the header bar."),
                                   host, token->holder);
      else
        message = g_strdup_printf (_ ("You need the deploy token to change the versions on %s. "
                                      "Take it with the token button in the header bar, then "
                                      "edit again."),
                                   host);
      show_message (self, FALSE, message);
      return;
    }

  editor = ium_host_editor_new (self->service, self->name, host);
  if (editor == NULL)
    return;
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
close_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

static void
dismiss_message_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  show_message (IUM_INSTRUMENT_DETAIL (widget), FALSE, NULL);
}

static void
show_history_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumInstrumentDetail *self = IUM_INSTRUMENT_DETAIL (widget);

  /* The audit view takes an "instrument" filter; the window shows it by name. */
  gtk_widget_activate_action (widget, "win.show-audit", "s", self->name ? self->name : "");
}

static void
ium_instrument_detail_dispose (GObject *object)
{
  IumInstrumentDetail *self = IUM_INSTRUMENT_DETAIL (object);
  GtkWidget           *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->history_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), IUM_TYPE_INSTRUMENT_DETAIL);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (ium_instrument_detail_parent_class)->dispose (object);
}

static void
ium_instrument_detail_finalize (GObject *object)
{
  IumInstrumentDetail *self = IUM_INSTRUMENT_DETAIL (object);

  g_free (self->name);
  g_strfreev (self->pin_versions);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->history_cancellable);

  G_OBJECT_CLASS (ium_instrument_detail_parent_class)->finalize (object);
}

static void
ium_instrument_detail_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  IumInstrumentDetail *self = IUM_INSTRUMENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_instrument_detail_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  IumInstrumentDetail *self = IUM_INSTRUMENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      ium_instrument_detail_set_service (self, g_value_get_object (value));
      break;
    case PROP_NAME:
      ium_instrument_detail_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_instrument_detail_class_init (IumInstrumentDetailClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_instrument_detail_dispose;
  object_class->finalize = ium_instrument_detail_finalize;
  object_class->get_property = ium_instrument_detail_get_property;
  object_class->set_property = ium_instrument_detail_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, IUM_TYPE_INVENTORY_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string (
    "name", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (IUM_TYPE_TIER_BADGE);
  g_type_ensure (IUM_TYPE_FLAG_BADGES);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/InstrumentUpdateManager/"
                                               "fleet/ium-instrument-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, message_box);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, message_label);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, release_label);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, tier_badge);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, target_label);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, flag_badges);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, planned_label);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, pin_drop_down);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, busy_switch);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, busy_entry);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, hosts_box);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, windows_box);
  gtk_widget_class_bind_template_child (widget_class, IumInstrumentDetail, history_box);
  gtk_widget_class_bind_template_callback (widget_class, pin_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, busy_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, busy_note_activated_cb);

  gtk_widget_class_install_action (widget_class, "detail.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "detail.edit-host", "s", edit_host_action);
  gtk_widget_class_install_action (widget_class, "detail.show-history", NULL, show_history_action);
  gtk_widget_class_install_action (widget_class, "detail.dismiss-message", NULL,
                                   dismiss_message_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ium_instrument_detail_init (IumInstrumentDetail *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
ium_instrument_detail_set_service (IumInstrumentDetail *self, IumInventoryService *service)
{
  g_return_if_fail (IUM_IS_INSTRUMENT_DETAIL (self));

  if (self->service == service)
    return;
  if (self->service != NULL)
    g_signal_handlers_disconnect_by_data (self->service, self);
  g_set_object (&self->service, service);
  if (service != NULL)
    g_signal_connect_object (service, "loaded", G_CALLBACK (loaded_cb), self, G_CONNECT_SWAPPED);
  loaded_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
}

const char *
ium_instrument_detail_get_name (IumInstrumentDetail *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT_DETAIL (self), NULL);
  return self->name;
}

void
ium_instrument_detail_set_name (IumInstrumentDetail *self, const char *name)
{
  g_return_if_fail (IUM_IS_INSTRUMENT_DETAIL (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  show_message (self, FALSE, NULL);
  remove_children (self->history_box);
  self->n_history = 0;
  loaded_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
ium_instrument_detail_get_message (IumInstrumentDetail *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT_DETAIL (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

guint
ium_instrument_detail_get_n_history (IumInstrumentDetail *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT_DETAIL (self), 0);
  return self->n_history;
}

GtkDropDown *
ium_instrument_detail_get_pin_drop_down (IumInstrumentDetail *self)
{
  g_return_val_if_fail (IUM_IS_INSTRUMENT_DETAIL (self), NULL);
  return self->pin_drop_down;
}

/* Walks the labels of the host cards in order. */
static void
append_labels (GString *text, GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (child)));
      else if (!GTK_IS_BUTTON (child))
        append_labels (text, child);
    }
}

char *
ium_instrument_detail_dup_hosts_text (IumInstrumentDetail *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (IUM_IS_INSTRUMENT_DETAIL (self), NULL);
  append_labels (text, self->hosts_box);
  return g_string_free (text, FALSE);
}
