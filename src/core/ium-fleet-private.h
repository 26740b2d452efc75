/* ium-fleet-private.h: the fleet's index, shared by its construction (ium-fleet.c), the
 * client check (ium-fleet-check.c) and the status JSON (ium-fleet-json.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-fleet.h"

G_BEGIN_DECLS

/* clang-format off */

/* Everything below is computed once, in constructed(), and only read afterwards: the server
 * shares one fleet between its worker threads, so there are no lazily filled caches. The fleet
 * holds a reference on every object it points into, so an inventory edited after the fleet
 * was built cannot leave it with dangling pointers (it only makes the fleet stale). */

typedef struct _RuleInfo RuleInfo;

typedef struct
{
  IumComponent *component; /* owned */
  const char   *id;        /* borrowed from component; the id is construct-only */
  char         *name;      /* owned; the id when the component has no name */
  IumScheme     scheme;
  IumRole       role;
  guint         index;
  RuleInfo     *rule;      /* borrowed; the rule that has this component as its client */
} ComponentInfo;

typedef struct
{
  IumRelease        *release;    /* owned */
  const IumVersion  *version;    /* borrowed from release; construct-only there */
  const char        *text;       /* borrowed from release */
  char              *url;        /* owned */
  IumTier            tier;
  guint              rank;       /* position in the fleet's releases, oldest first */
  IumVersion       **components; /* owned, one per component index; NULL: does not parse */
  char             **texts;      /* owned, one per component index, as written */
} ReleaseInfo;

typedef struct
{
  IumVersion  *lowest;      /* owned; NULL when no host carries the server component */
  char        *text;        /* owned; the lowest version as installed */
  char        *warning;     /* owned; NULL when the hosts agree */
  const char  *warnings[2]; /* NULL-terminated view of warning, handed to verdicts */
  ReleaseInfo *recommended; /* borrowed; NULL when no release fits */
} ServerInfo;

typedef struct
{
  IumInstrument       *instrument; /* owned */
  const char          *name;       /* borrowed from instrument; construct-only there */
  IumInstrumentStatus  status;
  ServerInfo          *servers;    /* owned, one per server slot */
} InstrumentInfo;

struct _RuleInfo
{
  IumRule         *rule;   /* owned */
  ComponentInfo   *server; /* borrowed; NULL when the rule names an unknown server */
  guint            slot;   /* index of the server in InstrumentInfo.servers */
  IumCompatPolicy  policy;
};

/* Line, LineReleases and ComponentVersion, which some indexes below hold, are used only to
 * build the fleet and match hosts, so they stay in ium-fleet.c. */
struct _IumFleet
{
  GObject          parent_instance;

  IumInventory    *inventory;            /* owned */
  IumPolicy        policy;

  ComponentInfo   *components;           /* owned array, sorted by id */
  guint            n_components;
  GHashTable      *components_by_id;     /* id -> ComponentInfo, borrowed */

  ReleaseInfo     *releases;             /* owned array, oldest first */
  guint            n_releases;
  GHashTable      *releases_by_object;   /* IumRelease -> ReleaseInfo, borrowed */
  GHashTable      *releases_by_version;  /* ComponentVersion (owned) -> GPtrArray of
                                          * ReleaseInfo, newest first (owned array) */
  ReleaseInfo     *newest_official;      /* borrowed */
  GArray          *official_lines;       /* Line, ascending, distinct */

  RuleInfo        *rules;                /* owned array */
  guint            n_rules;
  GPtrArray       *server_slots;         /* ComponentInfo per slot, borrowed */
  guint            n_server_slots;
  GPtrArray       *status_servers;       /* ComponentInfo, in order of preference, borrowed */
  GHashTable      *line_releases;        /* "SLOT:MAJOR.MINOR" -> LineReleases, owned */

  InstrumentInfo  *instruments;          /* owned array, in inventory order */
  guint            n_instruments;
  GHashTable      *instruments_by_name;  /* name -> InstrumentInfo, borrowed */
  GHashTable      *instruments_by_object; /* IumInstrument -> InstrumentInfo, borrowed */

  GPtrArray       *hosts;                /* owned references of every indexed host */
  GHashTable      *host_releases;        /* IumHost -> ReleaseInfo or NULL (custom) */
};

/* Appends @node as pretty JSON (two spaces a level) with every line indented @indent more
 * spaces, so that a large document can be written one element at a time (ium-fleet-json.c;
 * the release report's JSON uses it too). */
void ium_json_append_indented (GString  *out,
                               JsonNode *node,
                               guint     indent);

/* clang-format on */

G_END_DECLS
