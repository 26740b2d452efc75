/* ium-update-prompt.c: the update prompt a client GUI shows on connect.
 *
 * The words, buttons and icon come from an IumPromptModel; this file only lays them out and
 * turns a click into a response. "Connect anyway" is reported to the server first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-client"

#include "config.h"

#include "ium-update-prompt.h"

#include "ium-client-enums.h"
#include "ium-client-i18n-private.h"

#include <glib/gi18n-lib.h>

struct _IumUpdatePrompt
{
  GtkWindow       parent_instance;

  IumClient      *client;      /* owned, nullable */
  IumPromptModel *model;       /* owned */
  GCancellable   *cancellable; /* owned: the "Connect anyway" report */
  GTask          *run_task;    /* owned, nullable: the pending ium_update_prompt_run_async() */
  gulong          run_cancelled_id;
  guint           responded : 1;
  guint           reporting : 1; /* "Connect anyway" is being reported */

  /* Template children. */
  GtkImage       *icon_image;
  GtkLabel       *headline_label;
  GtkLabel       *body_label;
  GtkLabel       *details_label;
  GtkLabel       *warning_label;
  GtkButton      *connect_anyway_button;
  GtkButton      *do_not_connect_button;
  GtkButton      *remind_later_button;
  GtkButton      *connect_button;
  GtkButton      *get_update_button;
};

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_MODEL,
  N_PROPS
};

enum
{
  RESPONSE,
  OPEN_DOWNLOAD,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (IumUpdatePrompt, ium_update_prompt, GTK_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

/* The source tag of ium_update_prompt_run_async()'s task. */
static char        run_tag;

static GtkButton *
find_button (IumUpdatePrompt *self, IumPromptButton button)
{
  switch (button)
    {
    case IUM_PROMPT_BUTTON_GET_UPDATE:
      return self->get_update_button;
    case IUM_PROMPT_BUTTON_REMIND_LATER:
      return self->remind_later_button;
    case IUM_PROMPT_BUTTON_CONNECT:
      return self->connect_button;
    case IUM_PROMPT_BUTTON_DO_NOT_CONNECT:
      return self->do_not_connect_button;
    case IUM_PROMPT_BUTTON_CONNECT_ANYWAY:
      return self->connect_anyway_button;
    case IUM_PROMPT_BUTTON_NONE:
    default:
      return NULL;
    }
}

static void
set_optional_label (GtkLabel *label, const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* Widget state is computed from the model, once: the model is immutable. */
static void
apply_model (IumUpdatePrompt *self)
{
  static const char *const tone_classes[] = {
    [IUM_PROMPT_TONE_INFO] = "tone-info",
    [IUM_PROMPT_TONE_SUCCESS] = "tone-success",
    [IUM_PROMPT_TONE_WARNING] = "tone-warning",
    [IUM_PROMPT_TONE_ERROR] = "tone-error",
  };
  static const IumPromptButton all_buttons[] = {
    IUM_PROMPT_BUTTON_CONNECT_ANYWAY, IUM_PROMPT_BUTTON_DO_NOT_CONNECT,
    IUM_PROMPT_BUTTON_REMIND_LATER,   IUM_PROMPT_BUTTON_CONNECT,
    IUM_PROMPT_BUTTON_GET_UPDATE,
  };
  IumPromptButton buttons = ium_prompt_model_get_buttons (self->model);
  IumPromptButton default_button = ium_prompt_model_get_default_button (self->model);

  gtk_window_set_title (GTK_WINDOW (self), ium_prompt_model_get_title (self->model));
  gtk_image_set_from_icon_name (self->icon_image, ium_prompt_model_get_icon_name (self->model));
  gtk_widget_add_css_class (GTK_WIDGET (self->icon_image),
                            tone_classes[ium_prompt_model_get_tone (self->model)]);
  gtk_label_set_text (self->headline_label, ium_prompt_model_get_headline (self->model));
  gtk_label_set_text (self->body_label, ium_prompt_model_get_body (self->model));
  set_optional_label (self->details_label, ium_prompt_model_get_details (self->model));
  set_optional_label (self->warning_label, ium_prompt_model_get_warning (self->model));

  for (guint i = 0; i < G_N_ELEMENTS (all_buttons); i++)
    {
      GtkButton *button = find_button (self, all_buttons[i]);
      gboolean   shown = (buttons & all_buttons[i]) != 0;

      gtk_widget_set_visible (GTK_WIDGET (button), shown);
      if (shown)
        gtk_button_set_label (button,
                              ium_prompt_model_get_button_label (self->model, all_buttons[i]));
    }

  if (default_button != IUM_PROMPT_BUTTON_NONE)
    {
      GtkWidget *button = GTK_WIDGET (find_button (self, default_button));

      gtk_widget_add_css_class (button, "suggested-action");
      gtk_window_set_default_widget (GTK_WINDOW (self), button);
      gtk_window_set_focus (GTK_WINDOW (self), button);
    }
}

static void
complete_run (IumUpdatePrompt *self, IumPromptResponse response, GError *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->run_task);

  if (task == NULL)
    return;

  g_cancellable_disconnect (g_task_get_cancellable (task), self->run_cancelled_id);
  self->run_cancelled_id = 0;

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, response);
}

/* Emits ::response once and completes a pending run. */
static void
emit_response (IumUpdatePrompt *self, IumPromptResponse response)
{
  g_autoptr (IumUpdatePrompt) hold = g_object_ref (self);

  if (self->responded)
    return;

  self->responded = TRUE;
  g_signal_emit (self, signals[RESPONSE], 0, response);
  complete_run (self, response, NULL);
}

/* Emits ::response once, then closes the window. */
static void
respond (IumUpdatePrompt *self, IumPromptResponse response)
{
  if (self->responded)
    return;

  emit_response (self, response);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_actions_enabled (IumUpdatePrompt *self, gboolean enabled)
{
  static const char *const actions[] = {
    "prompt.get-update",     "prompt.remind-later",   "prompt.connect",
    "prompt.do-not-connect", "prompt.connect-anyway",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled);
}

static void
report_connect_anyway_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IumUpdatePrompt) self = user_data;
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (GError) error = NULL;

  verdict = ium_client_report_connect_anyway_finish (IUM_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The user chose to connect; a server that cannot be told must not stop them. */
  if (verdict == NULL)
    g_debug ("Could not report “Connect anyway”: %s", error->message);

  respond (self, IUM_PROMPT_RESPONSE_CONNECT);
}

static void
choose (IumUpdatePrompt *self, IumPromptButton button)
{
  IumPromptResponse response;

  if (self->responded)
    return;

  if ((ium_prompt_model_get_buttons (self->model) & button) == 0)
    return;

  response = ium_prompt_model_get_button_response (self->model, button);

  if (button == IUM_PROMPT_BUTTON_GET_UPDATE)
    {
      gboolean handled = FALSE;

      g_signal_emit (self, signals[OPEN_DOWNLOAD], 0,
                     ium_prompt_model_get_download_url (self->model), &handled);
    }
  else if (button == IUM_PROMPT_BUTTON_CONNECT_ANYWAY && self->client != NULL)
    {
      IumVerdict *verdict = ium_prompt_model_get_verdict (self->model);

      /* Wait for the report (at most the client's timeout) so that it is not lost when the
       * caller quits or reuses the connection at once. */
      self->reporting = TRUE;
      set_actions_enabled (self, FALSE);
      gtk_button_set_label (self->connect_anyway_button, _ ("Connecting…"));
      ium_client_report_connect_anyway_async (
        self->client, ium_verdict_get_instrument (verdict), ium_verdict_get_component (verdict),
        ium_verdict_get_client_version (verdict), self->cancellable, report_connect_anyway_cb,
        g_object_ref (self));
      return;
    }

  respond (self, response);
}

static void
action_get_update (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose (IUM_UPDATE_PROMPT (widget), IUM_PROMPT_BUTTON_GET_UPDATE);
}

static void
action_remind_later (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose (IUM_UPDATE_PROMPT (widget), IUM_PROMPT_BUTTON_REMIND_LATER);
}

static void
action_connect (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose (IUM_UPDATE_PROMPT (widget), IUM_PROMPT_BUTTON_CONNECT);
}

static void
action_do_not_connect (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose (IUM_UPDATE_PROMPT (widget), IUM_PROMPT_BUTTON_DO_NOT_CONNECT);
}

static void
action_connect_anyway (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose (IUM_UPDATE_PROMPT (widget), IUM_PROMPT_BUTTON_CONNECT_ANYWAY);
}

static gboolean
ium_update_prompt_real_open_download (IumUpdatePrompt *self, const char *url)
{
  gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
  return TRUE;
}

static gboolean
ium_update_prompt_close_request (GtkWindow *window)
{
  IumUpdatePrompt *self = IUM_UPDATE_PROMPT (window);

  /* Closing while "Connect anyway" is being reported still means connecting; the report
   * is dropped. */
  if (!self->responded)
    emit_response (self, self->reporting ? IUM_PROMPT_RESPONSE_CONNECT
                                         : ium_prompt_model_get_dismiss_response (self->model));
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (ium_update_prompt_parent_class)->close_request (window);
}

static void
ium_update_prompt_constructed (GObject *object)
{
  IumUpdatePrompt *self = IUM_UPDATE_PROMPT (object);

  G_OBJECT_CLASS (ium_update_prompt_parent_class)->constructed (object);

  if (self->model == NULL)
    {
      g_critical ("IumUpdatePrompt needs a model");
      self->model =
        ium_prompt_model_new_unreachable (_ ("the instrument"), "", _ ("unknown"), NULL);
    }

  apply_model (self);
}

static void
ium_update_prompt_dispose (GObject *object)
{
  IumUpdatePrompt *self = IUM_UPDATE_PROMPT (object);

  g_cancellable_cancel (self->cancellable);
  /* A window destroyed without a choice (its parent went away) gives the dismiss answer. */
  if (self->run_task != NULL)
    complete_run (self, ium_prompt_model_get_dismiss_response (self->model), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), IUM_TYPE_UPDATE_PROMPT);

  g_clear_object (&self->client);
  g_clear_object (&self->model);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ium_update_prompt_parent_class)->dispose (object);
}

static void
ium_update_prompt_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumUpdatePrompt *self = IUM_UPDATE_PROMPT (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_update_prompt_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  IumUpdatePrompt *self = IUM_UPDATE_PROMPT (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_update_prompt_class_init (IumUpdatePromptClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  ium_client_i18n_init ();

  object_class->constructed = ium_update_prompt_constructed;
  object_class->dispose = ium_update_prompt_dispose;
  object_class->get_property = ium_update_prompt_get_property;
  object_class->set_property = ium_update_prompt_set_property;

  window_class->close_request = ium_update_prompt_close_request;

  /**
   * IumUpdatePrompt:client:
   *
   * The client that reports "Connect anyway" to the server; with %NULL the choice is not
   * reported.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, IUM_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * IumUpdatePrompt:model:
   *
   * What the prompt shows.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, IUM_TYPE_PROMPT_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IumUpdatePrompt::response:
   * @self: the prompt
   * @response: what the user chose
   *
   * Emitted once, when the user has chosen (closing the window counts as the model's
   * dismiss response); the prompt then closes itself.
   */
  signals[RESPONSE] = g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, IUM_TYPE_PROMPT_RESPONSE);

  /**
   * IumUpdatePrompt::open-download:
   * @self: the prompt
   * @url: the download URL of the recommended version
   *
   * Emitted when the user chooses "Get version X". The default handler opens @url with
   * gtk_show_uri(); connect a handler that returns %TRUE to open it some other way.
   *
   * Returns: %TRUE when @url was handled
   */
  signals[OPEN_DOWNLOAD] = g_signal_new_class_handler (
    "open-download", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
    G_CALLBACK (ium_update_prompt_real_open_download), g_signal_accumulator_true_handled, NULL,
    NULL, G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ium/Client/ium-update-prompt.ui");
  gtk_widget_class_bind_template_child (widget_class, IumUpdatePrompt, icon_image);
  gtk_widget_class_bind_template_child (widget_class, IumUpdatePrompt, headline_label);
  gtk_widget_class_bind_template_child (widget_class, IumUpdatePrompt, body_label);
  gtk_widget_class_bind_template_child (widget_class, IumUpdatePrompt, details_label);
  gtk_widget_class_bind_template_child (widget_class, IumUpdatePrompt, warning_label);
  gtk_widget_class_bind_template_child (widget_class, IumUpdatePrompt, connect_anyway_button);
  gtk_widget_class_bind_template_child (widget_class, IumUpdatePrompt, do_not_connect_button);
  gtk_widget_class_bind_template_child (widget_class, IumUpdatePrompt, remind_later_button);
  gtk_widget_class_bind_template_child (widget_class, IumUpdatePrompt, connect_button);
  gtk_widget_class_bind_template_child (widget_class, IumUpdatePrompt, get_update_button);

  gtk_widget_class_install_action (widget_class, "prompt.get-update", NULL, action_get_update);
  gtk_widget_class_install_action (widget_class, "prompt.remind-later", NULL, action_remind_later);
  gtk_widget_class_install_action (widget_class, "prompt.connect", NULL, action_connect);
  gtk_widget_class_install_action (widget_class, "prompt.do-not-connect", NULL,
                                   action_do_not_connect);
  gtk_widget_class_install_action (widget_class, "prompt.connect-anyway", NULL,
                                   action_connect_anyway);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The prompt's style sheet, once per display. */
static void
load_style (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr (GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "ium-update-prompt-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/ium/Client/ium-update-prompt.css");
  /* Below the application's priority, so that a client can restyle the prompt. */
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION - 1);
  g_object_set_data_full (G_OBJECT (display), "ium-update-prompt-css", g_steal_pointer (&provider),
                          g_object_unref);
}

static void
ium_update_prompt_init (IumUpdatePrompt *self)
{
  self->cancellable = g_cancellable_new ();

  load_style (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ium_update_prompt_new:
 * @client: (nullable): the client that reports "Connect anyway" to the server
 * @model: what to show, from ium_prompt_model_new() or ium_prompt_model_new_unreachable()
 *
 * Creates the update prompt. Set its transient parent with gtk_window_set_transient_for(),
 * then call ium_update_prompt_run_async(), or connect to #IumUpdatePrompt::response and
 * present it. The prompt closes itself once the user has chosen.
 *
 * Returns: (transfer none): a new prompt, owned by GTK like every toplevel window
 */
IumUpdatePrompt *
ium_update_prompt_new (IumClient *client, IumPromptModel *model)
{
  g_return_val_if_fail (client == NULL || IUM_IS_CLIENT (client), NULL);
  g_return_val_if_fail (IUM_IS_PROMPT_MODEL (model), NULL);

  return g_object_new (IUM_TYPE_UPDATE_PROMPT, "client", client, "model", model, NULL);
}

/**
 * ium_update_prompt_get_client:
 * @self: a prompt
 *
 * Returns: (transfer none) (nullable): the client that reports "Connect anyway"
 */
IumClient *
ium_update_prompt_get_client (IumUpdatePrompt *self)
{
  g_return_val_if_fail (IUM_IS_UPDATE_PROMPT (self), NULL);

  return self->client;
}

/**
 * ium_update_prompt_get_model:
 * @self: a prompt
 *
 * Returns: (transfer none): what the prompt shows
 */
IumPromptModel *
ium_update_prompt_get_model (IumUpdatePrompt *self)
{
  g_return_val_if_fail (IUM_IS_UPDATE_PROMPT (self), NULL);

  return self->model;
}

static gboolean
close_cancelled_cb (gpointer user_data)
{
  IumUpdatePrompt *self = user_data;

  if (!self->responded)
    {
      self->responded = TRUE;
      complete_run (self, IUM_PROMPT_RESPONSE_DO_NOT_CONNECT,
                    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         _ ("The update prompt was cancelled")));
      gtk_window_destroy (GTK_WINDOW (self));
    }

  return G_SOURCE_REMOVE;
}

static void
run_cancelled_cb (GCancellable *cancellable, IumUpdatePrompt *self)
{
  /* The handler cannot disconnect itself, which completing the run does: go idle first. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_cancelled_cb, g_object_ref (self), g_object_unref);
}

/**
 * ium_update_prompt_run_async:
 * @self: a prompt
 * @cancellable: (nullable): cancelling it closes the prompt
 * @callback: (scope async): called once the user has chosen
 * @user_data: (closure): data for @callback
 *
 * Presents the prompt and waits for the user's choice; get it with
 * ium_update_prompt_run_finish() in @callback.
 */
void
ium_update_prompt_run_async (IumUpdatePrompt    *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (IUM_IS_UPDATE_PROMPT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &run_tag);

  if (self->responded || self->run_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _ ("The update prompt has already run"));
      return;
    }

  self->run_task = g_steal_pointer (&task);
  if (cancellable != NULL)
    self->run_cancelled_id =
      g_cancellable_connect (cancellable, G_CALLBACK (run_cancelled_cb), self, NULL);

  gtk_window_present (GTK_WINDOW (self));
}

/**
 * ium_update_prompt_run_finish:
 * @self: a prompt
 * @result: the result given to the callback
 * @error: return location for a #GError (%G_IO_ERROR_CANCELLED)
 *
 * When the prompt was cancelled, the result is %IUM_PROMPT_RESPONSE_DO_NOT_CONNECT with
 * @error set.
 *
 * Returns: what the user chose
 */
IumPromptResponse
ium_update_prompt_run_finish (IumUpdatePrompt *self, GAsyncResult *result, GError **error)
{
  GError *local_error = NULL;
  gssize  response;

  g_return_val_if_fail (IUM_IS_UPDATE_PROMPT (self), IUM_PROMPT_RESPONSE_DO_NOT_CONNECT);
  g_return_val_if_fail (g_task_is_valid (result, self), IUM_PROMPT_RESPONSE_DO_NOT_CONNECT);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &run_tag,
                        IUM_PROMPT_RESPONSE_DO_NOT_CONNECT);

  response = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return IUM_PROMPT_RESPONSE_DO_NOT_CONNECT;
    }

  return (IumPromptResponse) response;
}
