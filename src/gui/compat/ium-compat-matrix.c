/* ium-compat-matrix.c: client versions against the server versions the instruments run.
 *
 * Every cell is core's client check (ium_fleet_check()), run for each instrument of the
 * column: the matrix says exactly what `ium check INSTRUMENT CLIENT VERSION` would say, and
 * holds no compatibility rule of its own. The server versions are those the check compares
 * with (ium_fleet_get_server_version(): the lowest among an instrument's hosts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-compat-matrix.h"

#include "ium-enums.h"

struct _IumCompatRow
{
  GObject  parent_instance;

  char    *version; /* owned */
  char    *origin;  /* owned */
  gboolean entered;
  GArray  *cells; /* owned, of IumCompatCell */
};

enum
{
  PROP_0,
  PROP_VERSION,
  PROP_ORIGIN,
  PROP_ENTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumCompatRow, ium_compat_row, G_TYPE_OBJECT)

static void
cell_clear (gpointer data)
{
  IumCompatCell *cell = data;

  g_clear_pointer (&cell->instrument, g_free);
  g_clear_pointer (&cell->message, g_free);
  g_clear_pointer (&cell->warning, g_free);
}

static void
ium_compat_row_finalize (GObject *object)
{
  IumCompatRow *self = IUM_COMPAT_ROW (object);

  g_free (self->version);
  g_free (self->origin);
  g_clear_pointer (&self->cells, g_array_unref);

  G_OBJECT_CLASS (ium_compat_row_parent_class)->finalize (object);
}

static void
ium_compat_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumCompatRow *self = IUM_COMPAT_ROW (object);

  switch (prop_id)
    {
    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;
    case PROP_ORIGIN:
      g_value_set_string (value, self->origin);
      break;
    case PROP_ENTERED:
      g_value_set_boolean (value, self->entered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_compat_row_class_init (IumCompatRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ium_compat_row_finalize;
  object_class->get_property = ium_compat_row_get_property;

  properties[PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, ro);
  properties[PROP_ORIGIN] = g_param_spec_string ("origin", NULL, NULL, NULL, ro);
  properties[PROP_ENTERED] = g_param_spec_boolean ("entered", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_compat_row_init (IumCompatRow *self)
{
  self->cells = g_array_new (FALSE, TRUE, sizeof (IumCompatCell));
  g_array_set_clear_func (self->cells, cell_clear);
}

const char *
ium_compat_row_get_version (IumCompatRow *self)
{
  g_return_val_if_fail (IUM_IS_COMPAT_ROW (self), NULL);
  return self->version;
}

const char *
ium_compat_row_get_origin (IumCompatRow *self)
{
  g_return_val_if_fail (IUM_IS_COMPAT_ROW (self), NULL);
  return self->origin;
}

gboolean
ium_compat_row_get_entered (IumCompatRow *self)
{
  g_return_val_if_fail (IUM_IS_COMPAT_ROW (self), FALSE);
  return self->entered;
}

guint
ium_compat_row_get_n_cells (IumCompatRow *self)
{
  g_return_val_if_fail (IUM_IS_COMPAT_ROW (self), 0);
  return self->cells->len;
}

const IumCompatCell *
ium_compat_row_get_cell (IumCompatRow *self, guint column)
{
  g_return_val_if_fail (IUM_IS_COMPAT_ROW (self), NULL);
  g_return_val_if_fail (column < self->cells->len, NULL);
  return &g_array_index (self->cells, IumCompatCell, column);
}

/* Words */

const char *
ium_verdict_status_to_css (IumVerdictStatus status)
{
  return ium_enum_to_nick (IUM_TYPE_VERDICT_STATUS, status);
}

const char *
ium_verdict_status_to_label (IumVerdictStatus status)
{
  switch (status)
    {
    case IUM_VERDICT_OK:
      return _ ("OK");
    case IUM_VERDICT_UPDATE_AVAILABLE:
      return _ ("Update available");
    case IUM_VERDICT_CLIENT_NEWER:
      return _ ("Client newer");
    case IUM_VERDICT_INCOMPATIBLE:
      return _ ("Incompatible");
    default:
      g_return_val_if_reached ("?");
    }
}

/* Building */

static void
column_free (gpointer data)
{
  IumCompatColumn *column = data;

  g_free (column->version);
  g_ptr_array_unref (column->instruments);
  g_free (column);
}

GPtrArray *
ium_compat_list_clients (IumInventory *inventory)
{
  GListModel *rules = ium_inventory_get_rules (inventory);
  GPtrArray  *clients = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr (IumRule) rule = g_list_model_get_item (rules, i);
      IumComponent *component =
        ium_inventory_lookup_component (inventory, ium_rule_get_client (rule));
      const char *name = component ? ium_component_get_name (component) : NULL;

      g_ptr_array_add (clients, g_strdup (ium_rule_get_client (rule)));
      g_ptr_array_add (clients, g_strdup (name ? name : ium_rule_get_client (rule)));
    }
  return clients;
}

gboolean
ium_compat_check_version (IumInventory *inventory,
                          const char   *client,
                          const char   *version,
                          GError      **error)
{
  g_autoptr (IumVersion) parsed =
    ium_inventory_parse_component_version (inventory, client, version, error);

  return parsed != NULL;
}

typedef struct
{
  IumInventory *inventory;
  const char   *component;
} SortContext;

/* Newest first; what does not parse goes last, by text. */
static int
compare_versions (const char *a, const char *b, SortContext *context)
{
  g_autoptr (IumVersion) x =
    ium_inventory_parse_component_version (context->inventory, context->component, a, NULL);
  g_autoptr (IumVersion) y =
    ium_inventory_parse_component_version (context->inventory, context->component, b, NULL);

  if (x != NULL && y != NULL)
    {
      int order = ium_version_compare (y, x);
      return order != 0 ? order : g_strcmp0 (a, b);
    }
  if (x != NULL || y != NULL)
    return x != NULL ? -1 : 1;
  return g_strcmp0 (a, b);
}

static int
compare_columns (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const IumCompatColumn *x = *(IumCompatColumn *const *) a;
  const IumCompatColumn *y = *(IumCompatColumn *const *) b;

  return compare_versions (x->version, y->version, user_data);
}

static int
compare_rows (gconstpointer a, gconstpointer b, gpointer user_data)
{
  IumCompatRow *x = *(IumCompatRow *const *) a;
  IumCompatRow *y = *(IumCompatRow *const *) b;

  return compare_versions (x->version, y->version, user_data);
}

typedef struct
{
  guint       n_checks;
  gint64      last_seen;
  GHashTable *instruments; /* owned: names */
  gboolean    entered;
} Origin;

static void
origin_free (gpointer data)
{
  Origin *origin = data;

  g_clear_pointer (&origin->instruments, g_hash_table_unref);
  g_free (origin);
}

static Origin *
get_origin (GHashTable *versions, const char *version)
{
  Origin *origin = g_hash_table_lookup (versions, version);

  if (origin == NULL)
    {
      origin = g_new0 (Origin, 1);
      origin->instruments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (versions, g_strdup (version), origin);
    }
  return origin;
}

static char *
dup_origin_text (const Origin *origin)
{
  g_autofree char *seen = NULL;

  if (origin->n_checks > 0)
    {
      g_autoptr (GDateTime) last = g_date_time_new_from_unix_utc (origin->last_seen);
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      /* Translators: a day of this year and of another, strftime. */
      g_autofree char *day = g_date_time_format (
        last,
        g_date_time_get_year (last) == g_date_time_get_year (now) ? _ ("%-d %b") : _ ("%-d %b %Y"));
      guint n_instruments = g_hash_table_size (origin->instruments);

      /* Translators: "seen 12 times on 3 instruments, last 2 Dec 2026". */
      seen = g_strdup_printf (
        _ ("seen %u× on %u %s, last %s"), origin->n_checks, n_instruments,
        g_dngettext (GETTEXT_PACKAGE, "instrument", "instruments", n_instruments), day);
    }
  if (seen != NULL && origin->entered)
    return g_strdup_printf (_ ("%s; entered here"), seen);
  return seen ? g_steal_pointer (&seen) : g_strdup (_ ("entered here"));
}

/* The column's verdicts for one client version. */
static void
fill_cell (IumFleet              *fleet,
           const char            *client,
           const char            *version,
           const IumCompatColumn *column,
           IumCompatCell         *cell)
{
  g_autoptr (GPtrArray) verdicts = g_ptr_array_new_with_free_func (g_object_unref);
  guint best = 0;

  for (guint i = 0; i < column->instruments->len; i++)
    {
      g_autoptr (GError) error = NULL;
      IumVerdict *verdict = ium_fleet_check (fleet, g_ptr_array_index (column->instruments, i),
                                             client, version, &error);

      g_ptr_array_add (verdicts, verdict);
      if (verdict != NULL)
        cell->counts[ium_verdict_get_status (verdict)]++;
    }
  for (guint s = 1; s < IUM_N_VERDICTS; s++)
    if (cell->counts[s] > cell->counts[best])
      best = s;
  cell->status = best;
  for (guint i = 0; i < verdicts->len; i++)
    {
      IumVerdict        *verdict = g_ptr_array_index (verdicts, i);
      const char *const *warnings;

      if (verdict == NULL || ium_verdict_get_status (verdict) != cell->status)
        continue;
      warnings = ium_verdict_get_warnings (verdict);
      cell->instrument = g_strdup (ium_verdict_get_instrument (verdict));
      cell->message = g_strdup (ium_verdict_get_message (verdict));
      cell->warning = g_strdup (warnings && warnings[0] ? warnings[0] : NULL);
      break;
    }
}

IumCompatMatrix *
ium_compat_matrix_new (IumFleet          *fleet,
                       const char        *client,
                       GPtrArray         *seen,
                       const char *const *entered,
                       GCancellable      *cancellable,
                       GError           **error)
{
  IumInventory *inventory;
  IumRule      *rule;
  IumComponent *component;
  GListModel   *instruments;
  g_autoptr (IumCompatMatrix) matrix = NULL;
  g_autoptr (GHashTable) by_version = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) origins =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, origin_free);
  GHashTableIter iter;
  gpointer       key, value;
  SortContext    context;

  g_return_val_if_fail (IUM_IS_FLEET (fleet), NULL);
  g_return_val_if_fail (client != NULL, NULL);

  inventory = ium_fleet_get_inventory (fleet);
  rule = ium_inventory_lookup_rule (inventory, client);
  if (rule == NULL)
    {
      g_set_error (error, IUM_CHECK_ERROR, IUM_CHECK_ERROR_NO_RULE,
                   _ ("no compatibility rule has “%s” as its client"), client);
      return NULL;
    }

  matrix = g_new0 (IumCompatMatrix, 1);
  matrix->client = g_strdup (client);
  component = ium_inventory_lookup_component (inventory, client);
  matrix->client_name = g_strdup (
    component && ium_component_get_name (component) ? ium_component_get_name (component) : client);
  matrix->server = g_strdup (ium_rule_get_server (rule));
  component = ium_inventory_lookup_component (inventory, matrix->server);
  matrix->server_name =
    g_strdup (component && ium_component_get_name (component) ? ium_component_get_name (component)
                                                              : matrix->server);
  matrix->policy = g_strdup (ium_enum_to_nick (IUM_TYPE_COMPAT_POLICY, ium_rule_get_policy (rule)));
  matrix->columns = g_ptr_array_new_with_free_func (column_free);
  matrix->rows = g_ptr_array_new_with_free_func (g_object_unref);
  matrix->skipped = g_ptr_array_new_with_free_func (g_free);

  /* The columns: every server version a client of this rule is checked against. */
  instruments = ium_inventory_get_instruments (inventory);
  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (instruments, i);
      const char      *name = ium_instrument_get_name (instrument);
      const char      *version = ium_fleet_get_server_version (fleet, name, client);
      IumCompatColumn *column;

      if (version == NULL)
        {
          matrix->n_no_server++;
          continue;
        }
      column = g_hash_table_lookup (by_version, version);
      if (column == NULL)
        {
          column = g_new0 (IumCompatColumn, 1);
          column->version = g_strdup (version);
          column->instruments = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (by_version, column->version, column);
          g_ptr_array_add (matrix->columns, column);
        }
      g_ptr_array_add (column->instruments, g_strdup (name));
    }
  context.inventory = inventory;
  context.component = matrix->server;
  g_ptr_array_sort_with_data (matrix->columns, compare_columns, &context);

  /* The rows: each client version seen or entered, once. */
  for (guint i = 0; seen != NULL && i < seen->len; i++)
    {
      IumClientSeen *client_seen = g_ptr_array_index (seen, i);
      Origin        *origin;

      if (!g_str_equal (client_seen->component, client))
        continue;
      if (!ium_compat_check_version (inventory, client, client_seen->version, NULL))
        {
          g_ptr_array_add (matrix->skipped, g_strdup (client_seen->version));
          continue;
        }
      origin = get_origin (origins, client_seen->version);
      origin->n_checks += client_seen->n_checks;
      origin->last_seen = MAX (origin->last_seen, client_seen->last_seen);
      g_hash_table_add (origin->instruments, g_strdup (client_seen->instrument));
    }
  for (guint i = 0; entered != NULL && entered[i] != NULL; i++)
    if (ium_compat_check_version (inventory, client, entered[i], NULL))
      get_origin (origins, entered[i])->entered = TRUE;

  g_hash_table_iter_init (&iter, origins);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      IumCompatRow *row = g_object_new (IUM_TYPE_COMPAT_ROW, NULL);
      Origin       *origin = value;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_object_unref (row);
          return NULL;
        }
      row->version = g_strdup (key);
      row->origin = dup_origin_text (origin);
      row->entered = origin->entered;
      g_array_set_size (row->cells, matrix->columns->len);
      for (guint c = 0; c < matrix->columns->len; c++)
        fill_cell (fleet, client, row->version, g_ptr_array_index (matrix->columns, c),
                   &g_array_index (row->cells, IumCompatCell, c));
      g_ptr_array_add (matrix->rows, row);
    }
  context.component = client;
  g_ptr_array_sort_with_data (matrix->rows, compare_rows, &context);
  return g_steal_pointer (&matrix);
}

void
ium_compat_matrix_free (IumCompatMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_free (matrix->client);
  g_free (matrix->client_name);
  g_free (matrix->server);
  g_free (matrix->server_name);
  g_free (matrix->policy);
  g_clear_pointer (&matrix->columns, g_ptr_array_unref);
  g_clear_pointer (&matrix->rows, g_ptr_array_unref);
  g_clear_pointer (&matrix->skipped, g_ptr_array_unref);
  g_free (matrix);
}

char *
ium_compat_cell_dup_tooltip (const IumCompatMatrix *matrix, IumCompatRow *row, guint column)
{
  const IumCompatCell   *cell = ium_compat_row_get_cell (row, column);
  const IumCompatColumn *col = g_ptr_array_index (matrix->columns, column);
  GString               *text = g_string_new (NULL);
  g_autofree char       *client = g_markup_escape_text (matrix->client_name, -1);
  g_autofree char       *server = g_markup_escape_text (matrix->server_name, -1);
  g_autofree char       *message = g_markup_escape_text (cell->message ? cell->message : "", -1);
  guint                  n = col->instruments->len;

  g_string_append_printf (text, "<b>%s %s · %s %s: %s</b>\n", client, row->version, server,
                          col->version, ium_verdict_status_to_label (cell->status));
  /* Translators: the rule that decided: client component, server component, policy. */
  g_string_append_printf (text, _ ("Decided by the rule %s → %s, policy %s."), matrix->client,
                          matrix->server, matrix->policy);
  g_string_append_printf (text, "\n%s", message);
  if (cell->warning != NULL)
    {
      g_autofree char *warning = g_markup_escape_text (cell->warning, -1);
      g_string_append_printf (text, "\n<i>%s</i>", warning);
    }
  if (cell->counts[cell->status] == n)
    g_string_append_printf (text, "\n%s",
                            n == 1 ? _ ("The only instrument on this server version.")
                                   : _ ("The same for every instrument on this server version."));
  else
    for (guint s = 0; s < IUM_N_VERDICTS; s++)
      if (cell->counts[s] > 0)
        /* Translators: a verdict, and how many of the column's instruments get it. */
        g_string_append_printf (text, _ ("\n%s: %u of the %u instruments"),
                                ium_verdict_status_to_label (s), cell->counts[s], n);
  return g_string_free (text, FALSE);
}
