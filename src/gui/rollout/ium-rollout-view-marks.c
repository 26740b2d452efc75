/* ium-rollout-view-marks.c: following a saved rollout: changing an upgrade's state from the
 * timeline's popover or the list's menu, starting a busy instrument anyway, resuming a
 * paused rollout, and taking the deploy token these need.
 *
 * Core refuses what the state machine, the token or the busy mark forbid; the view turns
 * the refusal into a message in its banner (ium_describe_mark_error()) with the button that
 * fixes it, and never into a dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-rollout-view-private.h"

#include "ium-error-text.h"
#include "ium-inventory-service-rollouts.h"
#include "widgets/ium-token-button.h"

/* The timeline's item of @instrument in the plan shown, or NULL. */
static const IumTimelineItem *
find_item (IumRolloutView *self, const char *instrument, guint *index)
{
  guint i;

  if (self->result == NULL || instrument == NULL)
    return NULL;
  i = ium_timeline_data_find (self->result->timeline, instrument);
  if (i == G_MAXUINT)
    return NULL;
  if (index != NULL)
    *index = i;
  return ium_timeline_data_get_item (self->result->timeline, i);
}

static void
begin_work (IumRolloutView *self)
{
  self->n_running++;
  gtk_spinner_start (self->spinner);
}

void
ium_rollout_view_end_work (IumRolloutView *self)
{
  if (self->n_running > 0)
    self->n_running--;
  if (self->n_running == 0)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollout.save", TRUE);
      if (self->plan_cancellable == NULL)
        gtk_spinner_stop (self->spinner);
    }
}

void
ium_rollout_view_set_current (IumRolloutView *self, const char *instrument)
{
  if (g_strcmp0 (self->current, instrument) != 0)
    {
      g_free (self->current);
      self->current = g_strdup (instrument);
    }
  ium_rollout_view_update_state_menu (self);
}

/* The states @item may move to, as menu items or buttons. */
static GMenu *
dup_moves_menu (IumRolloutView *self, const IumTimelineItem *item)
{
  GMenu *menu = g_menu_new ();

  for (guint to = 0; item != NULL && to < IUM_N_UPGRADE_STATES; to++)
    if (ium_upgrade_state_can_move (item->state, to))
      {
        g_autoptr (GMenuItem) entry = g_menu_item_new (ium_upgrade_state_get_action (to), NULL);

        g_menu_item_set_action_and_target (entry, "rollout.mark", "s",
                                           ium_upgrade_state_to_string (to));
        g_menu_append_item (menu, entry);
      }
  return menu;
}

void
ium_rollout_view_update_state_menu (IumRolloutView *self)
{
  const IumTimelineItem *item = find_item (self, self->current, NULL);
  g_autoptr (GMenu) menu = NULL;

  if (self->rollout == NULL)
    {
      menu = g_menu_new ();
      g_menu_append (menu, _ ("Save the Plan First"), "rollout.save");
    }
  else
    menu = dup_moves_menu (self, item);
  gtk_menu_button_set_menu_model (self->state_menu_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->state_menu_button), item != NULL);
}

void
ium_rollout_view_show_popover (IumRolloutView *self, guint index)
{
  const IumTimelineItem *item;
  g_autofree char       *title = NULL;
  g_autoptr (GString) details = g_string_new (NULL);
  g_autoptr (GMenu) moves = NULL;
  GtkWidget   *child;
  GdkRectangle area;
  double       x, y;

  if (self->result == NULL || index >= ium_timeline_data_get_n_items (self->result->timeline))
    return;
  item = ium_timeline_data_get_item (self->result->timeline, index);
  ium_rollout_view_set_current (self, item->instrument);

  title =
    g_strdup_printf (_ ("%s · %s"), item->instrument, ium_upgrade_state_get_label (item->state));
  gtk_label_set_label (self->popover_title, title);
  if (item->scheduled)
    {
      g_autofree char *when = ium_format_time_range (item->start, item->end);
      g_string_append (details, when);
      if (item->window != NULL)
        g_string_append_printf (details, "\n%s", item->window);
    }
  else
    g_string_append_printf (details, _ ("Unscheduled: %s"), item->note ? item->note : "");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->popover_buttons))) != NULL)
    gtk_box_remove (self->popover_buttons, child);

  if (self->rollout == NULL)
    g_string_append_printf (details, "\n\n%s",
                            _ ("Save the plan as a rollout to mark its "
                               "upgrades."));
  else
    {
      moves = dup_moves_menu (self, item);
      for (int i = 0; i < g_menu_model_get_n_items (G_MENU_MODEL (moves)); i++)
        {
          g_autofree char *label = NULL;
          g_autofree char *target = NULL;
          GtkWidget       *button;

          g_menu_model_get_item_attribute (G_MENU_MODEL (moves), i, G_MENU_ATTRIBUTE_LABEL, "s",
                                           &label);
          g_menu_model_get_item_attribute (G_MENU_MODEL (moves), i, G_MENU_ATTRIBUTE_TARGET, "s",
                                           &target);
          button = gtk_button_new_with_mnemonic (label);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "rollout.mark");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
          gtk_box_append (self->popover_buttons, button);
        }
      if (g_menu_model_get_n_items (G_MENU_MODEL (moves)) == 0)
        g_string_append_printf (details, "\n\n%s",
                                _ ("This upgrade is finished: its state no "
                                   "longer changes."));
      if (self->result->differs)
        g_string_append_printf (details, "\n\n%s",
                                _ ("The form differs from the saved rollout; "
                                   "marks apply to the saved rollout."));
    }
  gtk_label_set_label (self->popover_details, details->str);
  gtk_widget_set_visible (GTK_WIDGET (self->popover_note),
                          moves != NULL && g_menu_model_get_n_items (G_MENU_MODEL (moves)) > 0);
  gtk_editable_set_text (GTK_EDITABLE (self->popover_note), "");

  if (!ium_timeline_get_bar_area (self->timeline, index, &area))
    {
      /* An unscheduled row: point at its name. */
      area.x = 0;
      area.y = 0;
      area.width = 1;
      area.height = 1;
    }
  if (gtk_widget_translate_coordinates (GTK_WIDGET (self->timeline), GTK_WIDGET (self), area.x,
                                        area.y, &x, &y))
    {
      area.x = (int) x;
      area.y = (int) y;
    }
  gtk_popover_set_pointing_to (self->state_popover, &area);
  gtk_popover_popup (self->state_popover);
}

gboolean
ium_rollout_view_select (IumRolloutView *self, const char *instrument, gboolean popup)
{
  guint index;

  g_return_val_if_fail (IUM_IS_ROLLOUT_VIEW (self), FALSE);

  if (find_item (self, instrument, &index) == NULL)
    return FALSE;
  ium_timeline_set_selected (self->timeline, index);
  ium_rollout_view_set_current (self, instrument);
  if (popup)
    ium_rollout_view_show_popover (self, index);
  return TRUE;
}

/* Refusals */

typedef struct
{
  IumRolloutView *view;       /* owned */
  char           *instrument; /* owned */
  IumUpgradeState from;
  IumUpgradeState to;
} MarkData;

static void
mark_data_free (MarkData *data)
{
  g_object_unref (data->view);
  g_free (data->instrument);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarkData, mark_data_free)

static void
show_refusal (IumRolloutView *self,
              const GError   *error,
              const char     *instrument,
              IumUpgradeState from,
              IumUpgradeState to)
{
  IumFleet      *fleet = ium_inventory_service_get_fleet (self->service);
  IumInventory  *inventory = ium_inventory_service_get_inventory (self->service);
  IumInstrument *found =
    inventory && instrument ? ium_inventory_lookup_instrument (inventory, instrument) : NULL;
  const IumToken     *token = ium_inventory_service_get_token (self->service);
  IumRollout         *saved = ium_inventory_service_lookup_rollout (self->service, self->rollout);
  g_autofree char    *since = token && token->since ? ium_format_since (token->since) : NULL;
  g_autofree char    *title = NULL;
  g_autofree char    *body = NULL;
  IumMarkContext      context = { 0 };
  IumInstrumentStatus status = { 0 };

  if (found != NULL && fleet != NULL)
    ium_fleet_get_status (fleet, found, &status);
  context.who = ium_inventory_service_get_who (self->service);
  context.token_holder = token ? token->holder : NULL;
  context.token_since = since;
  context.rollout = self->rollout;
  context.instrument = instrument;
  context.busy = (status.flags & IUM_FLAG_BUSY) != 0;
  context.busy_note = found ? ium_instrument_get_busy_note (found) : NULL;
  context.paused = saved != NULL && saved->paused;
  context.paused_wave = saved ? saved->paused_wave : 0;
  context.from = from;
  context.to = to;

  switch (ium_describe_mark_error (error, &context, &title, &body))
    {
    case IUM_MARK_FIX_TAKE_TOKEN:
      ium_banner_show (self->banner, IUM_BANNER_WARNING, title, body);
      if (context.token_holder == NULL)
        ium_banner_set_action (self->banner, _ ("_Take the Token"), "rollout.take-token");
      break;
    case IUM_MARK_FIX_FORCE:
      g_free (self->force_instrument);
      self->force_instrument = g_strdup (instrument);
      ium_banner_show (self->banner, IUM_BANNER_WARNING, title, body);
      ium_banner_set_action (self->banner, _ ("_Start Anyway"), "rollout.force-start");
      break;
    case IUM_MARK_FIX_RESUME:
      ium_banner_show (self->banner, IUM_BANNER_WARNING, title, body);
      ium_banner_set_action (self->banner, _ ("Res_ume Rollout"), "rollout.resume");
      break;
    case IUM_MARK_FIX_NONE:
    default:
      ium_banner_show (self->banner, IUM_BANNER_ERROR, title, body);
      break;
    }
}

static void
mark_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (MarkData) data = user_data;
  IumRolloutView *self = data->view;
  g_autoptr (GError) error = NULL;

  ium_rollout_view_end_work (self);
  if (ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (source), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->service == NULL)
    return;
  show_refusal (self, error, data->instrument, data->from, data->to);
}

static void
mark (IumRolloutView *self,
      const char     *instrument,
      IumUpgradeState to,
      const char     *note,
      gboolean        force)
{
  const IumTimelineItem *item = find_item (self, instrument, NULL);
  MarkData              *data;

  if (self->rollout == NULL || instrument == NULL)
    return;
  data = g_new0 (MarkData, 1);
  data->view = g_object_ref (self);
  data->instrument = g_strdup (instrument);
  data->from = item ? item->state : IUM_UPGRADE_PLANNED;
  data->to = to;

  ium_banner_dismiss (self->banner);
  begin_work (self);
  ium_inventory_service_mark_upgrade_async (self->service, self->rollout, instrument, to, note,
                                            force, self->cancellable, mark_done_cb, data);
}

static void
mark_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *note = NULL;
  IumUpgradeState  state;

  if (!ium_upgrade_state_from_string (g_variant_get_string (parameter, NULL), &state, &error))
    {
      g_critical ("%s", error->message);
      return;
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->state_popover)))
    {
      note = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->popover_note)));
      gtk_popover_popdown (self->state_popover);
    }
  mark (self, self->current, state, note, FALSE);
}

static void
force_start_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumRolloutView  *self = IUM_ROLLOUT_VIEW (widget);
  g_autofree char *instrument = g_steal_pointer (&self->force_instrument);

  if (instrument != NULL)
    mark (self, instrument, IUM_UPGRADE_IN_PROGRESS, NULL, TRUE);
}

static void
resume_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumRolloutView) self = user_data;
  g_autoptr (GError) error = NULL;

  ium_rollout_view_end_work (self);
  if (ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (source), result, &error))
    {
      ium_banner_dismiss (self->banner);
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->service != NULL)
    show_refusal (self, error, NULL, IUM_UPGRADE_PLANNED, IUM_UPGRADE_PLANNED);
}

static void
resume_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (widget);

  if (self->rollout == NULL)
    return;
  begin_work (self);
  ium_inventory_service_resume_rollout_async (self->service, self->rollout, self->cancellable,
                                              resume_done_cb, g_object_ref (self));
}

static void
take_token_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumRolloutView) self = user_data;
  g_autoptr (GError) error = NULL;

  ium_rollout_view_end_work (self);
  if (self->service == NULL)
    return;
  if (!ium_inventory_service_edit_finish (IUM_INVENTORY_SERVICE (source), result, &error))
    {
      g_autofree char *sentence = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      sentence = ium_error_sentence (error);
      ium_banner_show (self->banner, IUM_BANNER_ERROR, _ ("The deploy token was not taken"),
                       sentence);
      return;
    }
  ium_banner_show (self->banner, IUM_BANNER_INFO, _ ("You hold the deploy token"),
                   _ ("Mark the upgrade again. Release the token from the header bar when you "
                      "are done deploying."));
}

static void
take_token_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  IumRolloutView *self = IUM_ROLLOUT_VIEW (widget);

  begin_work (self);
  ium_inventory_service_take_token_async (self->service, NULL, FALSE, NULL, self->cancellable,
                                          take_token_done_cb, g_object_ref (self));
}

void
ium_rollout_view_install_mark_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "rollout.mark", "s", mark_action);
  gtk_widget_class_install_action (widget_class, "rollout.force-start", NULL, force_start_action);
  gtk_widget_class_install_action (widget_class, "rollout.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "rollout.take-token", NULL, take_token_action);
}
