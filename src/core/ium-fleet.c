/* ium-fleet.c: what every host and instrument runs, and its status flags.
 *
 * The client check is in ium-fleet-check.c, the status JSON in ium-fleet-json.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ium-fleet"

#include "config.h"

#include "ium-fleet.h"

#include "ium-fleet-private.h"

typedef struct
{
  guint64 major;
  guint64 minor;
} Line;

/* The newest releases whose server component is on one major.minor line. */
typedef struct
{
  ReleaseInfo *official; /* borrowed */
  ReleaseInfo *any;      /* borrowed */
} LineReleases;

/* A key of releases_by_version: one component at one version. */
typedef struct
{
  guint             component;
  const IumVersion *version;
} ComponentVersion;

enum
{
  PROP_0,
  PROP_INVENTORY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (IumFleet, ium_fleet, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static guint
component_version_hash (gconstpointer key)
{
  const ComponentVersion *cv = key;
  guint64                 mix;

  /* Only fields that every scheme compares on, so versions that compare equal ("12.1" and
   * "12.1.0.0") hash alike; the rest is settled by the equality function. */
  mix = ium_version_get_major (cv->version) * G_GUINT64_CONSTANT (1000003);
  mix ^= ium_version_get_minor (cv->version) * G_GUINT64_CONSTANT (7919);
  mix ^= ium_version_get_patch (cv->version) * G_GUINT64_CONSTANT (131);
  mix ^= cv->component;

  return (guint) (mix ^ (mix >> 32));
}

static gboolean
component_version_equal (gconstpointer a, gconstpointer b)
{
  const ComponentVersion *cva = a;
  const ComponentVersion *cvb = b;

  return cva->component == cvb->component && ium_version_compare (cva->version, cvb->version) == 0;
}

static int
line_compare (const Line *a, const Line *b)
{
  if (a->major != b->major)
    return a->major < b->major ? -1 : 1;
  if (a->minor != b->minor)
    return a->minor < b->minor ? -1 : 1;
  return 0;
}

static void
line_of (const IumVersion *version, Line *line)
{
  line->major = ium_version_get_major (version);
  line->minor = ium_version_get_minor (version);
}

static char *
line_key (guint slot, const IumVersion *version)
{
  return g_strdup_printf ("%u:%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, slot,
                          ium_version_get_major (version), ium_version_get_minor (version));
}

static int
release_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  IumRelease *ra = *(IumRelease *const *) a;
  IumRelease *rb = *(IumRelease *const *) b;

  return ium_version_compare (ium_release_get_version (ra), ium_release_get_version (rb));
}

static int
version_compare (gconstpointer a, gconstpointer b)
{
  const IumVersion *va = *(const IumVersion *const *) a;
  const IumVersion *vb = *(const IumVersion *const *) b;

  return ium_version_compare (va, vb);
}

static void
index_components (IumFleet *self)
{
  GListModel *model = ium_inventory_get_components (self->inventory);

  self->n_components = g_list_model_get_n_items (model);
  self->components = g_new0 (ComponentInfo, self->n_components);

  for (guint i = 0; i < self->n_components; i++)
    {
      ComponentInfo *info = &self->components[i];
      const char    *name;

      info->component = g_list_model_get_item (model, i);
      info->id = ium_component_get_id (info->component);
      name = ium_component_get_name (info->component);
      info->name = g_strdup (name != NULL && *name != '\0' ? name : info->id);
      info->scheme = ium_component_get_scheme (info->component);
      info->role = ium_component_get_role (info->component);
      info->index = i;
      g_hash_table_insert (self->components_by_id, (gpointer) info->id, info);
    }
}

static void
index_releases (IumFleet *self)
{
  GListModel *model = ium_inventory_get_releases (self->inventory);
  g_autoptr (GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (model, i));
  /* The inventory keeps them sorted already; ranks must not depend on that promise. */
  g_ptr_array_sort_with_data (sorted, release_compare, NULL);

  self->n_releases = sorted->len;
  self->releases = g_new0 (ReleaseInfo, self->n_releases);

  for (guint i = 0; i < self->n_releases; i++)
    {
      ReleaseInfo *info = &self->releases[i];

      info->release = g_object_ref (g_ptr_array_index (sorted, i));
      info->version = ium_release_get_version (info->release);
      info->text = ium_release_get_version_text (info->release);
      info->url = g_strdup (ium_release_get_url (info->release));
      info->tier = ium_release_get_tier (info->release);
      info->rank = i;
      info->components = g_new0 (IumVersion *, self->n_components);
      info->texts = g_new0 (char *, self->n_components + 1);

      for (guint j = 0; j < self->n_components; j++)
        {
          const ComponentInfo *component = &self->components[j];
          const char *text = ium_release_get_component_version (info->release, component->id);

          info->texts[j] = g_strdup (text);
          /* The import validates every version; one that still fails matches nothing. */
          if (text != NULL)
            info->components[j] = ium_version_parse (component->scheme, text, NULL);
        }

      g_hash_table_insert (self->releases_by_object, info->release, info);

      if (info->tier == IUM_TIER_OFFICIAL)
        {
          Line line;

          line_of (info->version, &line);
          if (self->official_lines->len == 0
              || line_compare (
                   &g_array_index (self->official_lines, Line, self->official_lines->len - 1),
                   &line)
                   != 0)
            g_array_append_val (self->official_lines, line);
          self->newest_official = info;
        }
    }

  /* Newest first, so that matching a host stops at the first release that fits. */
  for (guint i = self->n_releases; i-- > 0;)
    {
      ReleaseInfo *info = &self->releases[i];

      for (guint j = 0; j < self->n_components; j++)
        {
          ComponentVersion key = { j, info->components[j] };
          GPtrArray       *candidates;

          if (key.version == NULL)
            continue;

          candidates = g_hash_table_lookup (self->releases_by_version, &key);
          if (candidates == NULL)
            {
              ComponentVersion *owned_key = g_new (ComponentVersion, 1);

              *owned_key = key;
              candidates = g_ptr_array_new ();
              g_hash_table_insert (self->releases_by_version, owned_key, candidates);
            }
          g_ptr_array_add (candidates, info);
        }
    }
}

static void
index_rules (IumFleet *self)
{
  GListModel *model = ium_inventory_get_rules (self->inventory);

  self->n_rules = g_list_model_get_n_items (model);
  self->rules = g_new0 (RuleInfo, self->n_rules);

  for (guint i = 0; i < self->n_rules; i++)
    {
      RuleInfo      *info = &self->rules[i];
      ComponentInfo *client;
      guint          slot;

      info->rule = g_list_model_get_item (model, i);
      info->server = g_hash_table_lookup (self->components_by_id, ium_rule_get_server (info->rule));
      info->policy = ium_rule_get_policy (info->rule);
      client = g_hash_table_lookup (self->components_by_id, ium_rule_get_client (info->rule));
      /* The client check finds the rule through its component: one lookup fewer per check. */
      if (client != NULL)
        client->rule = info;

      if (info->server == NULL)
        continue;

      if (!g_ptr_array_find (self->server_slots, info->server, &slot))
        {
          slot = self->server_slots->len;
          g_ptr_array_add (self->server_slots, info->server);
        }
      info->slot = slot;
    }

  self->n_server_slots = self->server_slots->len;

  /* The server a custom instrument is measured by: one that a rule names, else any
   * component whose role is server. */
  for (guint i = 0; i < self->server_slots->len; i++)
    g_ptr_array_add (self->status_servers, g_ptr_array_index (self->server_slots, i));
  for (guint j = 0; j < self->n_components; j++)
    {
      ComponentInfo *component = &self->components[j];

      if (component->role == IUM_ROLE_SERVER
          && !g_ptr_array_find (self->status_servers, component, NULL))
        g_ptr_array_add (self->status_servers, component);
    }

  /* Oldest first, so the last release seen on a line is its newest. */
  for (guint s = 0; s < self->server_slots->len; s++)
    {
      const ComponentInfo *server = g_ptr_array_index (self->server_slots, s);

      for (guint i = 0; i < self->n_releases; i++)
        {
          ReleaseInfo      *release = &self->releases[i];
          const IumVersion *version = release->components[server->index];
          g_autofree char  *key = NULL;
          LineReleases     *entry;

          if (version == NULL)
            continue;

          key = line_key (s, version);
          entry = g_hash_table_lookup (self->line_releases, key);
          if (entry == NULL)
            {
              entry = g_new0 (LineReleases, 1);
              g_hash_table_insert (self->line_releases, g_steal_pointer (&key), entry);
            }
          entry->any = release;
          if (release->tier == IUM_TIER_OFFICIAL)
            entry->official = release;
        }
    }
}

/* Parses what @host has installed into @versions (one slot per component index). Returns
 * FALSE when a component is unknown or a version does not parse: such a host fits no
 * release, but the versions that did parse still count for its servers. */
static gboolean
parse_host (IumFleet *self, IumHost *host, IumVersion **versions)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < ium_host_get_n_installed (host); i++)
    {
      const IumInstalled  *installed = ium_host_get_installed_nth (host, i);
      const ComponentInfo *component =
        g_hash_table_lookup (self->components_by_id, installed->component);

      if (component == NULL)
        {
          ok = FALSE;
          continue;
        }

      versions[component->index] = ium_version_parse (component->scheme, installed->version, NULL);
      if (versions[component->index] == NULL)
        ok = FALSE;
    }

  return ok;
}

static void
clear_versions (IumVersion **versions, guint n_versions)
{
  for (guint j = 0; j < n_versions; j++)
    g_clear_pointer (&versions[j], ium_version_free);
}

/* The newest release whose version of every component in @versions is equal to it, or
 * NULL. Candidates come from the component that narrows them most. */
static ReleaseInfo *
match_host (IumFleet *self, IumVersion **versions)
{
  GPtrArray *best = NULL;

  for (guint j = 0; j < self->n_components; j++)
    {
      ComponentVersion key = { j, versions[j] };
      GPtrArray       *candidates;

      if (key.version == NULL)
        continue;

      candidates = g_hash_table_lookup (self->releases_by_version, &key);
      if (candidates == NULL)
        return NULL;
      if (best == NULL || candidates->len < best->len)
        best = candidates;
    }

  /* A host with nothing installed runs nothing. */
  if (best == NULL)
    return NULL;

  for (guint c = 0; c < best->len; c++)
    {
      ReleaseInfo *release = g_ptr_array_index (best, c);
      gboolean     fits = TRUE;

      for (guint j = 0; j < self->n_components && fits; j++)
        {
          if (versions[j] == NULL)
            continue;
          fits = release->components[j] != NULL
                 && ium_version_compare (release->components[j], versions[j]) == 0;
        }

      if (fits)
        return release;
    }

  return NULL;
}

static guint
count_lines_behind (IumFleet *self, const IumVersion *version)
{
  Line  line;
  guint behind = 0;

  line_of (version, &line);
  for (guint i = self->official_lines->len; i-- > 0;)
    {
      if (line_compare (&g_array_index (self->official_lines, Line, i), &line) <= 0)
        break;
      behind++;
    }

  return behind;
}

/* The lowest version of component @index over the hosts; with @warning, a partial warning
 * when the hosts do not all run the same version. */
static IumVersion *
lowest_version (IumFleet    *self,
                const char  *instrument,
                IumVersion **versions,
                guint        n_hosts,
                guint        index,
                char       **text,
                char       **warning)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  guint n_distinct = 1;

  for (guint h = 0; h < n_hosts; h++)
    {
      IumVersion *version = versions[h * self->n_components + index];

      if (version != NULL)
        g_ptr_array_add (found, version);
    }

  if (found->len == 0)
    return NULL;

  g_ptr_array_sort (found, version_compare);
  for (guint i = 1; i < found->len; i++)
    if (ium_version_compare (g_ptr_array_index (found, i - 1), g_ptr_array_index (found, i)) != 0)
      n_distinct++;

  if (warning != NULL && n_distinct > 1)
    {
      g_autoptr (GString) list = g_string_new (NULL);

      for (guint i = 0; i < found->len; i++)
        {
          if (i > 0
              && ium_version_compare (g_ptr_array_index (found, i - 1),
                                      g_ptr_array_index (found, i))
                   == 0)
            continue;
          if (list->len > 0)
            g_string_append (list, ", ");
          g_string_append (list, ium_version_get_text (g_ptr_array_index (found, i)));
        }
      *warning = g_strdup_printf ("partial: the hosts of %s run different %s versions (%s); "
                                  "the lowest is used",
                                  instrument, self->components[index].id, list->str);
    }

  if (text != NULL)
    *text = g_strdup (ium_version_get_text (g_ptr_array_index (found, 0)));

  return ium_version_copy (g_ptr_array_index (found, 0));
}

static ReleaseInfo *
lookup_pin (IumFleet *self, IumInstrument *instrument)
{
  const char *pin = ium_instrument_get_pin (instrument);
  IumRelease *release;

  if (pin == NULL)
    return NULL;

  release = ium_inventory_lookup_release (self->inventory, pin);
  return release != NULL ? g_hash_table_lookup (self->releases_by_object, release) : NULL;
}

static ReleaseInfo *
recommend_release (IumFleet         *self,
                   guint             slot,
                   const IumVersion *server_version,
                   ReleaseInfo      *pinned)
{
  const ComponentInfo *server = g_ptr_array_index (self->server_slots, slot);
  g_autofree char     *key = NULL;
  LineReleases        *entry;

  /* The spec recommends the pinned release unconditionally. We take it only when its server
   * is on the line the instrument actually runs: an instrument pinned to a release that is
   * not deployed yet would otherwise tell clients to install a version its server refuses. */
  if (pinned != NULL && pinned->components[server->index] != NULL
      && ium_version_same_line (pinned->components[server->index], server_version))
    return pinned;

  key = line_key (slot, server_version);
  entry = g_hash_table_lookup (self->line_releases, key);
  if (entry == NULL)
    return NULL;

  return entry->official != NULL ? entry->official : entry->any;
}

static void
server_info_clear (ServerInfo *server)
{
  g_clear_pointer (&server->lowest, ium_version_free);
  g_clear_pointer (&server->text, g_free);
  g_clear_pointer (&server->warning, g_free);
}

static void
instrument_info_clear (guint n_server_slots, InstrumentInfo *info)
{
  if (info->servers != NULL)
    {
      for (guint s = 0; s < n_server_slots; s++)
        server_info_clear (&info->servers[s]);
      g_clear_pointer (&info->servers, g_free);
    }
  g_clear_object (&info->instrument);
}

/* Fills @info for @instrument. With @index_hosts, also records what each host runs (only
 * while the fleet is being built: afterwards it is read by several threads). */
static void
compute_instrument (IumFleet       *self,
                    IumInstrument  *instrument,
                    InstrumentInfo *info,
                    gboolean        index_hosts)
{
  guint                   n_hosts = ium_instrument_get_n_hosts (instrument);
  g_autofree IumVersion **versions = NULL;
  IumInstrumentStatus    *status = &info->status;
  ReleaseInfo            *lowest = NULL;
  ReleaseInfo            *first = NULL;
  ReleaseInfo            *pinned;
  ReleaseInfo            *target;
  gboolean                custom = FALSE;
  gboolean                partial = FALSE;

  /* One row of parsed versions per host, a slot per component. */
  versions = g_new0 (IumVersion *, (gsize) n_hosts * self->n_components + 1);
  info->instrument = g_object_ref (instrument);
  info->name = ium_instrument_get_name (instrument);
  info->servers = g_new0 (ServerInfo, self->server_slots->len + 1);

  for (guint h = 0; h < n_hosts; h++)
    {
      IumHost     *host = ium_instrument_get_host (instrument, h);
      IumVersion **host_versions = &versions[h * self->n_components];
      ReleaseInfo *runs = NULL;

      if (parse_host (self, host, host_versions))
        runs = match_host (self, host_versions);

      if (index_hosts && !g_hash_table_contains (self->host_releases, host))
        {
          g_ptr_array_add (self->hosts, g_object_ref (host));
          g_hash_table_insert (self->host_releases, host, runs);
        }

      /* Custom is a value of its own: a custom host next to a release makes it partial. */
      if (h == 0)
        first = runs;
      else if (runs != first)
        partial = TRUE;

      if (runs == NULL)
        custom = TRUE;
      else if (lowest == NULL || runs->rank < lowest->rank)
        lowest = runs;
    }

  pinned = lookup_pin (self, instrument);

  for (guint s = 0; s < self->server_slots->len; s++)
    {
      const ComponentInfo *server = g_ptr_array_index (self->server_slots, s);
      ServerInfo          *server_info = &info->servers[s];

      server_info->lowest = lowest_version (self, info->name, versions, n_hosts, server->index,
                                            &server_info->text, &server_info->warning);
      server_info->warnings[0] = server_info->warning;
      server_info->warnings[1] = NULL;
      if (server_info->lowest != NULL)
        server_info->recommended = recommend_release (self, s, server_info->lowest, pinned);
    }

  status->instrument = instrument;
  status->release = (custom || n_hosts == 0) ? NULL : lowest->release;
  status->flags = 0;
  status->behind = 0;

  if (ium_instrument_get_pin (instrument) != NULL)
    {
      target = pinned;
      status->flags |= IUM_FLAG_PINNED;
    }
  else
    {
      target = self->newest_official;
    }
  status->target = target != NULL ? target->release : NULL;

  if (status->release != NULL)
    {
      status->behind = count_lines_behind (self, lowest->version);
      if (target != NULL)
        status->flags |=
          lowest->rank >= target->rank ? IUM_FLAG_UP_TO_DATE : IUM_FLAG_UPDATE_AVAILABLE;
      if (lowest->tier != IUM_TIER_OFFICIAL)
        status->flags |= IUM_FLAG_UNSUPPORTED_TIER;
    }
  else if (custom)
    {
      /* A custom instrument is measured by its server, the part clients depend on. */
      for (guint k = 0; k < self->status_servers->len; k++)
        {
          const ComponentInfo *server = g_ptr_array_index (self->status_servers, k);
          g_autoptr (IumVersion) server_version = NULL;

          server_version =
            lowest_version (self, info->name, versions, n_hosts, server->index, NULL, NULL);
          if (server_version == NULL)
            continue;

          status->behind = count_lines_behind (self, server_version);
          if (target != NULL && target->components[server->index] != NULL
              && ium_version_compare (server_version, target->components[server->index]) < 0)
            status->flags |= IUM_FLAG_UPDATE_AVAILABLE;
          break;
        }
    }

  if (status->behind > self->policy.max_minor_behind)
    status->flags |= IUM_FLAG_TOO_FAR_BEHIND;
  if (partial)
    status->flags |= IUM_FLAG_PARTIAL;
  if (custom)
    status->flags |= IUM_FLAG_CUSTOM;
  if (ium_instrument_get_busy (instrument))
    status->flags |= IUM_FLAG_BUSY;

  clear_versions (versions, n_hosts * self->n_components);
}

static void
index_instruments (IumFleet *self)
{
  GListModel *model = ium_inventory_get_instruments (self->inventory);

  self->n_instruments = g_list_model_get_n_items (model);
  self->instruments = g_new0 (InstrumentInfo, self->n_instruments);

  for (guint i = 0; i < self->n_instruments; i++)
    {
      InstrumentInfo *info = &self->instruments[i];
      g_autoptr (IumInstrument) instrument = g_list_model_get_item (model, i);

      compute_instrument (self, instrument, info, TRUE);
      g_hash_table_insert (self->instruments_by_name, (gpointer) info->name, info);
      g_hash_table_insert (self->instruments_by_object, info->instrument, info);
    }
}

static void
ium_fleet_constructed (GObject *object)
{
  IumFleet *self = (IumFleet *) object;

  G_OBJECT_CLASS (ium_fleet_parent_class)->constructed (object);

  g_return_if_fail (IUM_IS_INVENTORY (self->inventory));

  self->policy = *ium_inventory_get_policy (self->inventory);
  index_components (self);
  index_releases (self);
  index_rules (self);
  index_instruments (self);
}

static void
ium_fleet_finalize (GObject *object)
{
  IumFleet *self = (IumFleet *) object;

  /* The indexes first: they borrow from the arrays below. */
  g_clear_pointer (&self->host_releases, g_hash_table_unref);
  g_clear_pointer (&self->hosts, g_ptr_array_unref);
  g_clear_pointer (&self->instruments_by_object, g_hash_table_unref);
  g_clear_pointer (&self->instruments_by_name, g_hash_table_unref);
  g_clear_pointer (&self->line_releases, g_hash_table_unref);
  g_clear_pointer (&self->status_servers, g_ptr_array_unref);
  g_clear_pointer (&self->server_slots, g_ptr_array_unref);
  g_clear_pointer (&self->official_lines, g_array_unref);
  g_clear_pointer (&self->releases_by_version, g_hash_table_unref);
  g_clear_pointer (&self->releases_by_object, g_hash_table_unref);
  g_clear_pointer (&self->components_by_id, g_hash_table_unref);

  for (guint i = 0; i < self->n_instruments; i++)
    instrument_info_clear (self->n_server_slots, &self->instruments[i]);
  g_clear_pointer (&self->instruments, g_free);

  for (guint i = 0; i < self->n_rules; i++)
    g_clear_object (&self->rules[i].rule);
  g_clear_pointer (&self->rules, g_free);

  for (guint i = 0; i < self->n_releases; i++)
    {
      ReleaseInfo *info = &self->releases[i];

      clear_versions (info->components, self->n_components);
      g_clear_pointer (&info->components, g_free);
      g_clear_pointer (&info->texts, g_strfreev);
      g_clear_pointer (&info->url, g_free);
      g_clear_object (&info->release);
    }
  g_clear_pointer (&self->releases, g_free);

  for (guint i = 0; i < self->n_components; i++)
    {
      g_clear_pointer (&self->components[i].name, g_free);
      g_clear_object (&self->components[i].component);
    }
  g_clear_pointer (&self->components, g_free);
  g_clear_object (&self->inventory);

  G_OBJECT_CLASS (ium_fleet_parent_class)->finalize (object);
}

static void
ium_fleet_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumFleet *self = IUM_FLEET (object);

  switch (prop_id)
    {
    case PROP_INVENTORY:
      g_value_set_object (value, self->inventory);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_fleet_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumFleet *self = IUM_FLEET (object);

  switch (prop_id)
    {
    case PROP_INVENTORY:
      self->inventory = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_fleet_class_init (IumFleetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ium_fleet_constructed;
  object_class->finalize = ium_fleet_finalize;
  object_class->get_property = ium_fleet_get_property;
  object_class->set_property = ium_fleet_set_property;

  properties[PROP_INVENTORY] =
    g_param_spec_object ("inventory", NULL, NULL, IUM_TYPE_INVENTORY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_fleet_init (IumFleet *self)
{
  self->components_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->releases_by_object = g_hash_table_new (NULL, NULL);
  self->releases_by_version = g_hash_table_new_full (
    component_version_hash, component_version_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->official_lines = g_array_new (FALSE, FALSE, sizeof (Line));
  self->server_slots = g_ptr_array_new ();
  self->status_servers = g_ptr_array_new ();
  self->line_releases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->instruments_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->instruments_by_object = g_hash_table_new (NULL, NULL);
  self->hosts = g_ptr_array_new_with_free_func (g_object_unref);
  self->host_releases = g_hash_table_new (NULL, NULL);
}

/**
 * ium_fleet_new:
 * @inventory: the inventory to index
 *
 * Parses every installed and release component version of @inventory once and works out
 * what every host and instrument runs. The fleet keeps a reference on @inventory and on the
 * objects it indexes, but does not follow later edits: build a new fleet after a change.
 *
 * Returns: (transfer full): a new, immutable fleet
 */
IumFleet *
ium_fleet_new (IumInventory *inventory)
{
  g_return_val_if_fail (IUM_IS_INVENTORY (inventory), NULL);

  return g_object_new (IUM_TYPE_FLEET, "inventory", inventory, NULL);
}

/**
 * ium_fleet_get_inventory:
 * @self: a fleet
 *
 * Returns: (transfer none): the inventory the fleet was built from
 */
IumInventory *
ium_fleet_get_inventory (IumFleet *self)
{
  g_return_val_if_fail (IUM_IS_FLEET (self), NULL);

  return self->inventory;
}

/**
 * ium_fleet_get_host_release:
 * @self: a fleet
 * @host: a host of one of the inventory's instruments
 *
 * A host runs a release when every component it carries is installed at that release's
 * version of the component; where several fit, the newest. A host that fits none, or
 * carries nothing, is custom.
 *
 * Returns: (transfer none) (nullable): the release @host runs, or %NULL when it is custom
 */
IumRelease *
ium_fleet_get_host_release (IumFleet *self, IumHost *host)
{
  gpointer                value;
  g_autofree IumVersion **versions = NULL;
  ReleaseInfo            *runs = NULL;

  g_return_val_if_fail (IUM_IS_FLEET (self), NULL);
  g_return_val_if_fail (IUM_IS_HOST (host), NULL);

  if (g_hash_table_lookup_extended (self->host_releases, host, NULL, &value))
    return value != NULL ? ((ReleaseInfo *) value)->release : NULL;

  /* A host the fleet has not indexed (added after it was built) is matched afresh; the
   * answer is not stored, since the fleet must stay read-only. */
  versions = g_new0 (IumVersion *, self->n_components + 1);
  if (parse_host (self, host, versions))
    runs = match_host (self, versions);
  clear_versions (versions, self->n_components);

  return runs != NULL ? runs->release : NULL;
}

/**
 * ium_fleet_get_status:
 * @self: a fleet
 * @instrument: an instrument
 * @status: (out caller-allocates): where to store the status; its pointers are borrowed
 *   from the fleet and stay valid as long as it does
 *
 * Works out what @instrument runs, its target, how many release lines it is behind and its
 * status flags, as of when the fleet was built.
 */
void
ium_fleet_get_status (IumFleet *self, IumInstrument *instrument, IumInstrumentStatus *status)
{
  InstrumentInfo *info;
  InstrumentInfo  scratch = { 0 };

  g_return_if_fail (IUM_IS_FLEET (self));
  g_return_if_fail (IUM_IS_INSTRUMENT (instrument));
  g_return_if_fail (status != NULL);

  info = g_hash_table_lookup (self->instruments_by_object, instrument);
  if (info != NULL)
    {
      *status = info->status;
      return;
    }

  /* Not indexed (for example a copy of an instrument): compute it without storing it. The
   * releases in the status belong to the fleet, so they outlive the scratch copy. */
  compute_instrument (self, instrument, &scratch, FALSE);
  *status = scratch.status;
  instrument_info_clear (self->n_server_slots, &scratch);
}
