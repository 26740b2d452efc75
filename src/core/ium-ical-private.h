/* ium-ical-private.h: what the reader (ium-ical.c) and the writer (ium-ical-write.c) of
 * iCalendar share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-ical.h"

G_BEGIN_DECLS

/* clang-format off */

/* The writer marks each event with these, and the reader takes them back, so an exported
 * schedule imports as it was. */
#define IUM_ICAL_KIND_PROPERTY "X-IUM-KIND"
#define IUM_ICAL_INSTRUMENTS_PROPERTY "X-IUM-INSTRUMENTS"

/* clang-format on */

G_END_DECLS
