/* ium-style-monitor.c: follows the system's light or dark style without libadwaita.
 *
 * GTK 4.8 has no colour-scheme API of its own (libadwaita's AdwStyleManager has one; we do not
 * use libadwaita). What it does have is the gtk-application-prefer-dark-theme setting, which
 * makes the default theme dark. The desktop's preference is read, in this order:
 *
 *   1. the XDG desktop portal's org.freedesktop.appearance color-scheme (1 = prefer dark),
 *      which GNOME, KDE and the Flatpak sandbox provide, watched with SettingChanged;
 *   2. where there is no portal (no session bus, as under the test suite's Xvfb), GNOME's
 *      org.gnome.desktop.interface color-scheme key ("prefer-dark") if that schema has it;
 *   3. else light.
 *
 * The user may also choose light or dark for this application in Preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ium-gui"

#include "config.h"

#include "ium-style-monitor.h"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH     "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS "org.freedesktop.portal.Settings"
#define APPEARANCE      "org.freedesktop.appearance"

struct _IumStyleMonitor
{
  GObject       parent_instance;

  IumStyle      style;
  gboolean      system_dark;
  gboolean      dark;
  GDBusProxy   *portal;      /* owned, nullable */
  GSettings    *interface;   /* owned, nullable: org.gnome.desktop.interface */
  GCancellable *cancellable; /* owned */
};

enum
{
  PROP_0,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IumStyleMonitor, ium_style_monitor, G_TYPE_OBJECT)

static void
update (IumStyleMonitor *self)
{
  gboolean dark =
    self->style == IUM_STYLE_DARK || (self->style == IUM_STYLE_SYSTEM && self->system_dark);
  GtkSettings *settings = gtk_settings_get_default ();

  if (settings != NULL)
    g_object_set (settings, "gtk-application-prefer-dark-theme", dark, NULL);
  if (dark != self->dark)
    {
      self->dark = dark;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
    }
}

static void
set_system_dark (IumStyleMonitor *self, gboolean dark)
{
  self->system_dark = dark;
  update (self);
}

static void
interface_changed_cb (GSettings *settings, const char *key, gpointer user_data)
{
  IumStyleMonitor *self = user_data;
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");

  set_system_dark (self, g_strcmp0 (scheme, "prefer-dark") == 0);
}

static void
use_gsettings (IumStyleMonitor *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "color-scheme"))
    return;

  self->interface = g_settings_new_full (schema, NULL, NULL);
  g_signal_connect_object (self->interface, "changed::color-scheme",
                           G_CALLBACK (interface_changed_cb), self, 0);
  interface_changed_cb (self->interface, "color-scheme", self);
}

/* The portal's value is a uint32 (0 no preference, 1 dark, 2 light), boxed in variants. */
static gboolean
scheme_is_dark (GVariant *value)
{
  g_autoptr (GVariant) inner = NULL;

  while (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *next = g_variant_get_variant (value);
      g_clear_pointer (&inner, g_variant_unref);
      inner = next;
      value = next;
    }
  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32)
         && g_variant_get_uint32 (value) == 1;
}

static void
portal_signal_cb (GDBusProxy *proxy,
                  const char *sender,
                  const char *signal,
                  GVariant   *parameters,
                  gpointer    user_data)
{
  IumStyleMonitor *self = user_data;
  const char *namespace, *key;
  g_autoptr (GVariant) value = NULL;

  if (g_strcmp0 (signal, "SettingChanged") != 0
      || !g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;
  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_str_equal (namespace, APPEARANCE) && g_str_equal (key, "color-scheme"))
    set_system_dark (self, scheme_is_dark (value));
}

static void
portal_read_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  IumStyleMonitor *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (object), result, &error);
  g_autoptr (GVariant) value = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      g_debug ("No colour scheme from the portal (%s); reading GSettings", error->message);
      g_clear_object (&self->portal);
      use_gsettings (self);
      return;
    }
  g_variant_get (reply, "(v)", &value);
  g_signal_connect_object (self->portal, "g-signal", G_CALLBACK (portal_signal_cb), self, 0);
  set_system_dark (self, scheme_is_dark (value));
}

static void
portal_proxy_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  IumStyleMonitor *self = user_data;
  g_autoptr (GError) error = NULL;
  GDBusProxy *proxy = g_dbus_proxy_new_for_bus_finish (result, &error);

  if (proxy == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        use_gsettings (self);
      return;
    }
  /* The portal is started on demand: the first call may start it, hence no owner check. */
  self->portal = proxy;
  g_dbus_proxy_call (self->portal, "Read", g_variant_new ("(ss)", APPEARANCE, "color-scheme"),
                     G_DBUS_CALL_FLAGS_NONE, 2000, self->cancellable, portal_read_cb, self);
}

static void
ium_style_monitor_dispose (GObject *object)
{
  IumStyleMonitor *self = IUM_STYLE_MONITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->portal);
  g_clear_object (&self->interface);

  G_OBJECT_CLASS (ium_style_monitor_parent_class)->dispose (object);
}

static void
ium_style_monitor_finalize (GObject *object)
{
  IumStyleMonitor *self = IUM_STYLE_MONITOR (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ium_style_monitor_parent_class)->finalize (object);
}

static void
ium_style_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  IumStyleMonitor *self = IUM_STYLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ium_style_monitor_class_init (IumStyleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ium_style_monitor_dispose;
  object_class->finalize = ium_style_monitor_finalize;
  object_class->get_property = ium_style_monitor_get_property;

  properties[PROP_DARK] = g_param_spec_boolean (
    "dark", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ium_style_monitor_init (IumStyleMonitor *self)
{
  self->cancellable = g_cancellable_new ();

  /* Without a session bus there is no portal to ask. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL && g_getenv ("XDG_RUNTIME_DIR") == NULL)
    {
      use_gsettings (self);
      return;
    }
  g_dbus_proxy_new_for_bus (G_BUS_TYPE_SESSION, G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES, NULL,
                            PORTAL_BUS_NAME, PORTAL_PATH, PORTAL_SETTINGS, self->cancellable,
                            portal_proxy_cb, self);
}

IumStyleMonitor *
ium_style_monitor_new (void)
{
  return g_object_new (IUM_TYPE_STYLE_MONITOR, NULL);
}

void
ium_style_monitor_set_style (IumStyleMonitor *self, IumStyle style)
{
  g_return_if_fail (IUM_IS_STYLE_MONITOR (self));

  self->style = style;
  update (self);
}

gboolean
ium_style_monitor_get_dark (IumStyleMonitor *self)
{
  g_return_val_if_fail (IUM_IS_STYLE_MONITOR (self), FALSE);
  return self->dark;
}
