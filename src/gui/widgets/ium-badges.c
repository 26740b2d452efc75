/* ium-badges.c: status flags and release tiers as coloured badges.
 *
 * These sit in list rows that are recycled while scrolling, so they never create widgets
 * when their value changes: the flag badges hold one label per flag and only show or hide
 * them. They have no children worth a template. The colours are in ui/style.css (.badge.NICK)
 * with a dark variant in ui/style-dark.css; the text says the same as the colour, for those
 * who cannot tell colours apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-badges.h"

#include "fleet/ium-fleet-row.h"
#include "ium-enums.h"

struct _IumFlagBadges
{
  GtkWidget      parent_instance;

  GtkWidget     *labels[IUM_N_STATUS_FLAGS];
  IumStatusFlags flags;
};

struct _IumTierBadge
{
  GtkWidget  parent_instance;

  GtkWidget *label;
  char      *tier; /* owned */
};

enum
{
  FLAGS_PROP_0,
  FLAGS_PROP_FLAGS,
  FLAGS_N_PROPS
};

enum
{
  TIER_PROP_0,
  TIER_PROP_TIER,
  TIER_N_PROPS
};

static GParamSpec *flags_properties[FLAGS_N_PROPS];
static GParamSpec *tier_properties[TIER_N_PROPS];

G_DEFINE_FINAL_TYPE (IumFlagBadges, ium_flag_badges, GTK_TYPE_WIDGET)
G_DEFINE_FINAL_TYPE (IumTierBadge, ium_tier_badge, GTK_TYPE_WIDGET)

static GtkWidget *
new_badge (GtkWidget *parent)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "badge");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (label, parent);
  return label;
}

/* Flags */

static void
ium_flag_badges_dispose (GObject *object)
{
  IumFlagBadges *self = IUM_FLAG_BADGES (object);

  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    g_clear_pointer (&self->labels[i], gtk_widget_unparent);

  G_OBJECT_CLASS (ium_flag_badges_parent_class)->dispose (object);
}

static void
ium_flag_badges_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumFlagBadges *self = IUM_FLAG_BADGES (object);

  switch (prop_id)
    {
    case FLAGS_PROP_FLAGS:
      g_value_set_flags (value, self->flags);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_flag_badges_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IumFlagBadges *self = IUM_FLAG_BADGES (object);

  switch (prop_id)
    {
    case FLAGS_PROP_FLAGS:
      ium_flag_badges_set_flags (self, g_value_get_flags (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_flag_badges_class_init (IumFlagBadgesClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_flag_badges_dispose;
  object_class->get_property = ium_flag_badges_get_property;
  object_class->set_property = ium_flag_badges_set_property;

  flags_properties[FLAGS_PROP_FLAGS] =
    g_param_spec_flags ("flags", NULL, NULL, IUM_TYPE_STATUS_FLAGS, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, FLAGS_N_PROPS, flags_properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "flagbadges");
}

static void
ium_flag_badges_init (IumFlagBadges *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    {
      IumStatusFlags flag = 1u << i;

      self->labels[i] = new_badge (GTK_WIDGET (self));
      gtk_label_set_label (GTK_LABEL (self->labels[i]), ium_status_flag_get_label (flag));
      gtk_widget_add_css_class (self->labels[i], ium_status_flag_to_nick (flag));
      gtk_widget_set_visible (self->labels[i], FALSE);
    }
}

GtkWidget *
ium_flag_badges_new (void)
{
  return g_object_new (IUM_TYPE_FLAG_BADGES, NULL);
}

IumStatusFlags
ium_flag_badges_get_flags (IumFlagBadges *self)
{
  g_return_val_if_fail (IUM_IS_FLAG_BADGES (self), 0);
  return self->flags;
}

void
ium_flag_badges_set_flags (IumFlagBadges *self, IumStatusFlags flags)
{
  g_return_if_fail (IUM_IS_FLAG_BADGES (self));

  if (self->flags == flags)
    return;
  self->flags = flags;
  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    gtk_widget_set_visible (self->labels[i], (flags & (1u << i)) != 0);
  g_object_notify_by_pspec (G_OBJECT (self), flags_properties[FLAGS_PROP_FLAGS]);
}

/* Tier */

const char *
ium_tier_get_label (const char *tier)
{
  if (g_strcmp0 (tier, "official") == 0)
    return _ ("Official");
  if (g_strcmp0 (tier, "test") == 0)
    return _ ("Test");
  if (g_strcmp0 (tier, "internal") == 0)
    return _ ("Internal");
  return tier;
}

char *
ium_release_dup_label (IumRelease *release)
{
  const char *tier = ium_enum_to_nick (IUM_TYPE_TIER, ium_release_get_tier (release));

  /* Translators: a release in a drop-down: its version and its tier. */
  return g_strdup_printf (_ ("%s (%s)"), ium_release_get_version_text (release),
                          ium_tier_get_label (tier));
}

static void
ium_tier_badge_dispose (GObject *object)
{
  IumTierBadge *self = IUM_TIER_BADGE (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (ium_tier_badge_parent_class)->dispose (object);
}

static void
ium_tier_badge_finalize (GObject *object)
{
  IumTierBadge *self = IUM_TIER_BADGE (object);

  g_free (self->tier);

  G_OBJECT_CLASS (ium_tier_badge_parent_class)->finalize (object);
}

static void
ium_tier_badge_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumTierBadge *self = IUM_TIER_BADGE (object);

  switch (prop_id)
    {
    case TIER_PROP_TIER:
      g_value_set_string (value, self->tier);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_tier_badge_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  IumTierBadge *self = IUM_TIER_BADGE (object);

  switch (prop_id)
    {
    case TIER_PROP_TIER:
      ium_tier_badge_set_tier (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_tier_badge_class_init (IumTierBadgeClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ium_tier_badge_dispose;
  object_class->finalize = ium_tier_badge_finalize;
  object_class->get_property = ium_tier_badge_get_property;
  object_class->set_property = ium_tier_badge_set_property;

  tier_properties[TIER_PROP_TIER] = g_param_spec_string (
    "tier", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, TIER_N_PROPS, tier_properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tierbadge");
}

static void
ium_tier_badge_init (IumTierBadge *self)
{
  self->label = new_badge (GTK_WIDGET (self));
  gtk_widget_set_halign (self->label, GTK_ALIGN_START);
  gtk_widget_set_visible (self->label, FALSE);
}

GtkWidget *
ium_tier_badge_new (void)
{
  return g_object_new (IUM_TYPE_TIER_BADGE, NULL);
}

const char *
ium_tier_badge_get_tier (IumTierBadge *self)
{
  g_return_val_if_fail (IUM_IS_TIER_BADGE (self), NULL);
  return self->tier;
}

void
ium_tier_badge_set_tier (IumTierBadge *self, const char *tier)
{
  g_return_if_fail (IUM_IS_TIER_BADGE (self));

  if (g_strcmp0 (self->tier, tier) == 0)
    return;
  if (self->tier != NULL && *self->tier != '\0')
    gtk_widget_remove_css_class (self->label, self->tier);
  g_free (self->tier);
  self->tier = g_strdup (tier);

  gtk_widget_set_visible (self->label, tier != NULL && *tier != '\0');
  if (tier != NULL && *tier != '\0')
    {
      gtk_label_set_label (GTK_LABEL (self->label), ium_tier_get_label (tier));
      gtk_widget_add_css_class (self->label, tier);
    }
  g_object_notify_by_pspec (G_OBJECT (self), tier_properties[TIER_PROP_TIER]);
}
