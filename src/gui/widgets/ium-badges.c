/* ium-badges.c: status flags and release tiers as coloured badges.
 *
 * These sit in list rows that are recycled while scrolling (the fleet has a row of them per
 * instrument on screen), so they are single widgets without children that draw their pills in
 * snapshot: a rounded rectangle and a PangoLayout per badge, the layouts made once per widget
 * and flag (a flag's words never change) and only told when the widget's font changes.
 * Binding a row sets a number and queues a redraw, or a resize when the badges' width changes;
 * it creates no widget, adds no CSS class and invalidates no style. (One label per flag, shown
 * or hidden, cost about a fifth of a scrolling frame of the fleet; see docs/performance.md.)
 *
 * The colours are named colours in ui/style.css (@ium_badge_NICK for the pill,
 * @ium_badge_NICK_text for its words, the nick's '-' as '_'), redefined in ui/style-dark.css;
 * the font is the widget's own (flagbadges and tierbadge: smaller, bold, in style.css). The
 * words say the same as the colour, for those who cannot tell colours apart, and are the
 * widget's accessible label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "ium-badges.h"

#include "fleet/ium-fleet-row.h"
#include "ium-enums.h"

/* A pill's padding around its words, its least height and the space between two pills, in
 * pixels (what the ".badge" labels had in CSS before). */
#define BADGE_PAD_X      8
#define BADGE_PAD_Y      1
#define BADGE_MIN_HEIGHT 18
#define BADGE_SPACING    4

/* One badge's words, laid out in the widget's font. */
typedef struct
{
  PangoLayout *layout; /* owned, NULL until drawn or measured */
  int          width;  /* the layout's logical size in pixels */
  int          height;
} Badge;

struct _IumFlagBadges
{
  GtkWidget      parent_instance;

  Badge          badges[IUM_N_STATUS_FLAGS];
  guint          serial; /* of the widget's Pango context when the layouts were measured */
  IumStatusFlags flags;
};

struct _IumTierBadge
{
  GtkWidget parent_instance;

  Badge     badge;
  guint     serial;
  char     *tier; /* owned */
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

/* Drawing */

/* @badge laid out with @text in @widget's font, made again if the font changed since @serial. */
static void
badge_ensure (Badge *badge, GtkWidget *widget, guint *serial, const char *text)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);

  if (badge->layout == NULL)
    badge->layout = gtk_widget_create_pango_layout (widget, text);
  else if (*serial != pango_context_get_serial (context))
    pango_layout_context_changed (badge->layout);
  else
    return;
  pango_layout_get_pixel_size (badge->layout, &badge->width, &badge->height);
}

static int
badge_width (const Badge *badge)
{
  return badge->width + 2 * BADGE_PAD_X;
}

static int
badge_height (const Badge *badge)
{
  return MAX (badge->height, BADGE_MIN_HEIGHT) + 2 * BADGE_PAD_Y;
}

/* The named colours of the badge for @nick ("too-far-behind": @ium_badge_too_far_behind and
 * @ium_badge_too_far_behind_text); FALSE if the style has none (then no pill, and the words
 * in the widget's colour). */
static gboolean
lookup_colours (GtkWidget *widget, const char *nick, GdkRGBA *fill, GdkRGBA *text)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  char             name[64];
  gboolean         found;

  g_snprintf (name, sizeof name, "ium_badge_%s", nick);
  g_strdelimit (name, "-", '_');
  found = gtk_style_context_lookup_color (style, name, fill);
  g_strlcat (name, "_text", sizeof name);
  if (!found || !gtk_style_context_lookup_color (style, name, text))
    {
      gtk_style_context_get_color (style, text);
      return FALSE;
    }
  return TRUE;
}

/* Draws @badge at @x, centred in @widget's height. */
static void
badge_snapshot (
  const Badge *badge, GtkWidget *widget, GtkSnapshot *snapshot, const char *nick, int x)
{
  int            width = badge_width (badge);
  int            height = badge_height (badge);
  int            y = (gtk_widget_get_height (widget) - height) / 2;
  GskRoundedRect pill;
  GdkRGBA        fill, text;

  if (lookup_colours (widget, nick, &fill, &text))
    {
      gsk_rounded_rect_init_from_rect (&pill, &GRAPHENE_RECT_INIT (x, y, width, height),
                                       height / 2.0f);
      gtk_snapshot_push_rounded_clip (snapshot, &pill);
      gtk_snapshot_append_color (snapshot, &fill, &pill.bounds);
      gtk_snapshot_pop (snapshot);
    }
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (
    snapshot, &GRAPHENE_POINT_INIT (
                x + BADGE_PAD_X,
                y + BADGE_PAD_Y + (MAX (badge->height, BADGE_MIN_HEIGHT) - badge->height) / 2));
  gtk_snapshot_append_layout (snapshot, badge->layout, &text);
  gtk_snapshot_restore (snapshot);
}

static void
badge_clear (Badge *badge)
{
  g_clear_object (&badge->layout);
}

/* Flags */

/* The flags' badges left to right (right to left in a right-to-left locale). */
static void
flags_ensure (IumFlagBadges *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    if (self->flags & (1u << i))
      badge_ensure (&self->badges[i], GTK_WIDGET (self), &self->serial,
                    ium_status_flag_get_label (1u << i));
  /* Layouts of flags not shown are brought up to date when they are. */
  if (self->serial != pango_context_get_serial (context))
    for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
      if ((self->flags & (1u << i)) == 0 && self->badges[i].layout != NULL)
        badge_clear (&self->badges[i]);
  self->serial = pango_context_get_serial (context);
}

static void
ium_flag_badges_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  IumFlagBadges *self = IUM_FLAG_BADGES (widget);
  int            size = 0;
  guint          n = 0;

  flags_ensure (self);
  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    if (self->flags & (1u << i))
      {
        if (orientation == GTK_ORIENTATION_HORIZONTAL)
          size += badge_width (&self->badges[i]) + (n > 0 ? BADGE_SPACING : 0);
        else
          size = MAX (size, badge_height (&self->badges[i]));
        n++;
      }
  *minimum = *natural = size;
}

static void
ium_flag_badges_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  IumFlagBadges *self = IUM_FLAG_BADGES (widget);
  gboolean       rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int            x = 0;

  flags_ensure (self);
  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    if (self->flags & (1u << i))
      {
        int width = badge_width (&self->badges[i]);

        badge_snapshot (&self->badges[i], widget, snapshot, ium_status_flag_to_nick (1u << i),
                        rtl ? gtk_widget_get_width (widget) - x - width : x);
        x += width + BADGE_SPACING;
      }
}

static void
ium_flag_badges_finalize (GObject *object)
{
  IumFlagBadges *self = IUM_FLAG_BADGES (object);

  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    badge_clear (&self->badges[i]);

  G_OBJECT_CLASS (ium_flag_badges_parent_class)->finalize (object);
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

  object_class->finalize = ium_flag_badges_finalize;
  object_class->get_property = ium_flag_badges_get_property;
  object_class->set_property = ium_flag_badges_set_property;
  widget_class->measure = ium_flag_badges_measure;
  widget_class->snapshot = ium_flag_badges_snapshot;

  flags_properties[FLAGS_PROP_FLAGS] =
    g_param_spec_flags ("flags", NULL, NULL, IUM_TYPE_STATUS_FLAGS, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, FLAGS_N_PROPS, flags_properties);

  gtk_widget_class_set_css_name (widget_class, "flagbadges");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
ium_flag_badges_init (IumFlagBadges *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
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
  GString *words;
  int      old_width = 0, width = 0;

  g_return_if_fail (IUM_IS_FLAG_BADGES (self));

  if (self->flags == flags)
    return;

  /* A row bound to an instrument with the same badges in another order of width keeps its
   * size: only a different width asks for a new layout of the row. */
  flags_ensure (self);
  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    if (self->flags & (1u << i))
      old_width += badge_width (&self->badges[i]) + BADGE_SPACING;
  self->flags = flags;
  flags_ensure (self);
  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    if (flags & (1u << i))
      width += badge_width (&self->badges[i]) + BADGE_SPACING;
  if (width != old_width)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));

  words = g_string_new (NULL);
  for (guint i = 0; i < IUM_N_STATUS_FLAGS; i++)
    if (flags & (1u << i))
      {
        /* Translators: between two status flags read out as one label ("Update available,
         * Pinned"). */
        if (words->len > 0)
          g_string_append (words, _ (", "));
        g_string_append (words, ium_status_flag_get_label (1u << i));
      }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, words->str,
                                  -1);
  g_string_free (words, TRUE);
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
ium_tier_badge_measure (GtkWidget     *widget,
                        GtkOrientation orientation,
                        int            for_size,
                        int           *minimum,
                        int           *natural,
                        int           *minimum_baseline,
                        int           *natural_baseline)
{
  IumTierBadge *self = IUM_TIER_BADGE (widget);

  *minimum = *natural = 0;
  if (self->tier == NULL || *self->tier == '\0')
    return;
  badge_ensure (&self->badge, widget, &self->serial, ium_tier_get_label (self->tier));
  self->serial = pango_context_get_serial (gtk_widget_get_pango_context (widget));
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? badge_width (&self->badge)
                                                                  : badge_height (&self->badge);
}

static void
ium_tier_badge_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  IumTierBadge *self = IUM_TIER_BADGE (widget);
  int           width;

  if (self->tier == NULL || *self->tier == '\0')
    return;
  badge_ensure (&self->badge, widget, &self->serial, ium_tier_get_label (self->tier));
  self->serial = pango_context_get_serial (gtk_widget_get_pango_context (widget));
  width = badge_width (&self->badge);
  /* At the start of the cell, as the label it replaces was. */
  badge_snapshot (&self->badge, widget, snapshot, self->tier,
                  gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
                    ? gtk_widget_get_width (widget) - width
                    : 0);
}

static void
ium_tier_badge_finalize (GObject *object)
{
  IumTierBadge *self = IUM_TIER_BADGE (object);

  badge_clear (&self->badge);
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

  object_class->finalize = ium_tier_badge_finalize;
  object_class->get_property = ium_tier_badge_get_property;
  object_class->set_property = ium_tier_badge_set_property;
  widget_class->measure = ium_tier_badge_measure;
  widget_class->snapshot = ium_tier_badge_snapshot;

  tier_properties[TIER_PROP_TIER] = g_param_spec_string (
    "tier", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, TIER_N_PROPS, tier_properties);

  gtk_widget_class_set_css_name (widget_class, "tierbadge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
ium_tier_badge_init (IumTierBadge *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
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
  gboolean shown;
  int      old_width;

  g_return_if_fail (IUM_IS_TIER_BADGE (self));

  if (g_strcmp0 (self->tier, tier) == 0)
    return;
  old_width = self->badge.layout != NULL && self->tier != NULL && *self->tier != '\0'
                ? badge_width (&self->badge)
                : 0;
  g_free (self->tier);
  self->tier = g_strdup (tier);
  shown = tier != NULL && *tier != '\0';

  if (shown)
    {
      const char *words = ium_tier_get_label (tier);

      if (self->badge.layout != NULL)
        {
          pango_layout_set_text (self->badge.layout, words, -1);
          pango_layout_get_pixel_size (self->badge.layout, &self->badge.width, &self->badge.height);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, words,
                                      -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (self->badge.layout == NULL || (shown ? badge_width (&self->badge) : 0) != old_width)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), tier_properties[TIER_PROP_TIER]);
}
