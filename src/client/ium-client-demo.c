/* ium-client-demo.c: a small client GUI that checks on connect and shows the update prompt.
 *
 *   ium-client-demo --server URL --instrument X --component Y --version V
 *
 * It does what docs/client-integration.md asks of a client GUI: check, then connect
 * silently (ok, or the server unreachable), or show the prompt and follow the user's choice.
 * It prints the verdict as JSON, then the choice, on stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-client-demo"

#include "config.h"

#include "libium-client.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>

typedef struct
{
  GtkApplication *app;        /* borrowed */
  IumClient      *client;     /* owned */
  char           *server;     /* owned */
  char           *instrument; /* owned */
  char           *component;  /* owned */
  char           *version;    /* owned */
  int             timeout;
  gboolean        insecure;
  gboolean        always_prompt;
  int             status; /* the exit status */
} Demo;

static void
print_verdict (IumVerdict *verdict)
{
  g_autoptr (JsonNode) node = ium_verdict_to_json (verdict);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static const char *
response_to_string (IumPromptResponse response)
{
  return ium_enum_to_nick (IUM_TYPE_PROMPT_RESPONSE, response);
}

/* What a client GUI shows once it is connected: here, just who it is connected to. */
static void
show_connected (Demo *demo, const char *note)
{
  GtkWidget       *window = gtk_application_window_new (demo->app);
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *title = g_strdup_printf ("%s %s", demo->component, demo->version);
  g_autofree char *headline = g_strdup_printf (_ ("Connected to %s"), demo->instrument);
  GtkWidget       *label = gtk_label_new (headline);
  PangoAttrList   *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attributes, pango_attr_scale_new (1.4));
  gtk_label_set_attributes (GTK_LABEL (label), attributes);
  pango_attr_list_unref (attributes);

  gtk_widget_set_margin_top (box, 36);
  gtk_widget_set_margin_bottom (box, 36);
  gtk_widget_set_margin_start (box, 36);
  gtk_widget_set_margin_end (box, 36);
  gtk_box_append (GTK_BOX (box), label);

  if (note != NULL)
    {
      GtkWidget *note_label = gtk_label_new (note);

      gtk_label_set_wrap (GTK_LABEL (note_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (note_label), 50);
      gtk_widget_add_css_class (note_label, "dim-label");
      gtk_box_append (GTK_BOX (box), note_label);
    }

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, -1);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
prompt_run_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Demo             *demo = user_data;
  IumUpdatePrompt  *prompt = IUM_UPDATE_PROMPT (object);
  IumPromptResponse response = ium_update_prompt_run_finish (prompt, result, NULL);
  IumPromptModel   *model = ium_update_prompt_get_model (prompt);

  g_print ("choice: %s\n", response_to_string (response));

  if (response == IUM_PROMPT_RESPONSE_DO_NOT_CONNECT)
    demo->status = 1;
  else if (!ium_prompt_model_get_can_connect (model))
    show_connected (demo, _ ("Connected anyway: this version is not compatible with the "
                             "server, and support staff have been told."));
  else
    show_connected (demo, NULL);

  g_application_release (G_APPLICATION (demo->app));
}

static void
check_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Demo *demo = user_data;
  g_autoptr (IumVerdict) verdict = NULL;
  g_autoptr (IumPromptModel) model = NULL;
  g_autoptr (GError) error = NULL;
  IumUpdatePrompt *prompt;

  verdict = ium_client_check_finish (IUM_CLIENT (object), result, &error);
  if (verdict != NULL)
    {
      print_verdict (verdict);
      model = ium_prompt_model_new (verdict);
    }
  else if (g_error_matches (error, IUM_CLIENT_ERROR, IUM_CLIENT_ERROR_UNREACHABLE))
    {
      /* No answer is no reason to keep a scientist from the instrument. */
      g_print ("unreachable: %s\n", error->message);
      model = ium_prompt_model_new_unreachable (demo->instrument, demo->component, demo->version,
                                                error->message);
    }
  else
    {
      /* The server answered, and says this client asked the wrong question (an unknown
       * instrument or component, a version that does not parse): a setup error. */
      g_printerr ("ium-client-demo: %s\n", error->message);
      demo->status = 2;
      g_application_release (G_APPLICATION (demo->app));
      return;
    }

  if (!ium_prompt_model_get_needs_prompt (model) && !demo->always_prompt)
    {
      g_print ("choice: connect\n");
      show_connected (demo, ium_prompt_model_get_unreachable (model)
                              ? ium_prompt_model_get_details (model)
                              : NULL);
      g_application_release (G_APPLICATION (demo->app));
      return;
    }

  prompt = ium_update_prompt_new (demo->client, model);
  gtk_window_set_application (GTK_WINDOW (prompt), demo->app);
  ium_update_prompt_run_async (prompt, NULL, prompt_run_cb, demo);
}

static void
activate_cb (GApplication *app, Demo *demo)
{
  /* Held until the check and the prompt are over and a window keeps the application. */
  g_application_hold (app);

  demo->client = ium_client_new (demo->server);
  ium_client_set_timeout (demo->client, (guint) demo->timeout);
  ium_client_set_accept_invalid_certificates (demo->client, demo->insecure);
  ium_client_check_async (demo->client, demo->instrument, demo->component, demo->version, NULL,
                          check_cb, demo);
}

static gboolean
check_options (Demo *demo, GError **error)
{
  const struct
  {
    const char *name;
    const char *value;
  } required[] = {
    { "--server", demo->server },
    { "--instrument", demo->instrument },
    { "--component", demo->component },
    { "--version", demo->version },
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (required[i].value == NULL || required[i].value[0] == '\0')
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                     /* Translators: an option, --server for example. */
                     _ ("%s is required"), required[i].name);
        return FALSE;
      }

  if (demo->timeout < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("--timeout must be 0 or more seconds, not %d"), demo->timeout);
      return FALSE;
    }

  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GtkApplication) app = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  Demo               demo = { .timeout = 5 };
  const GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &demo.server,
      N_ ("The Instrument Update Manager server, e.g. http://127.0.0.1:8080"), N_ ("URL") },
    { "instrument", 'i', 0, G_OPTION_ARG_STRING, &demo.instrument,
      N_ ("The instrument to connect to, e.g. LARMOR"), N_ ("NAME") },
    { "component", 'c', 0, G_OPTION_ARG_STRING, &demo.component,
      N_ ("This client's component id, e.g. ibex-gui"), N_ ("ID") },
    { "version", 'v', 0, G_OPTION_ARG_STRING, &demo.version,
      N_ ("This client's version, e.g. 12.0.0.100"), N_ ("VERSION") },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &demo.timeout,
      N_ ("Seconds to wait for the server (default 5)"), N_ ("SECONDS") },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &demo.insecure,
      N_ ("Accept any TLS certificate (test servers only)"), NULL },
    { "always-prompt", 0, 0, G_OPTION_ARG_NONE, &demo.always_prompt,
      N_ ("Show the prompt even when the client may connect silently"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* The demo's words are in libium-client's catalogue (the same domain), which the library
   * binds when the class of its first type is made: before --help. */
  g_type_class_unref (g_type_class_ref (IUM_TYPE_PROMPT_MODEL));

  context = g_option_context_new (_ ("- check a client version and show the update prompt"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _ ("Asks the Instrument Update Manager server whether this "
                                   "client version works with the instrument,\nprints the "
                                   "verdict and shows the update prompt a client GUI would."));
  if (!g_option_context_parse (context, &argc, &argv, &error) || !check_options (&demo, &error))
    {
      g_printerr ("ium-client-demo: %s\n%s\n", error->message, _ ("Try “ium-client-demo --help”."));
      return 2;
    }

  app = gtk_application_new ("io.github.ium.ClientDemo", G_APPLICATION_NON_UNIQUE);
  demo.app = app;
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), &demo);
  g_application_run (G_APPLICATION (app), 1, argv);

  g_clear_object (&demo.client);
  g_free (demo.server);
  g_free (demo.instrument);
  g_free (demo.component);
  g_free (demo.version);

  return demo.status;
}
