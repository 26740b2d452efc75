/* bench-gui-frames.h: frame timing for the GUI benchmarks (bench-gui, bench-gui-planner).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* clang-format off */

/* Counts the frames painted for @window from now on. */
void    bench_frames_watch     (GtkWidget *window);
/* Queues a redraw of @widget and iterates the main loop until the next frame is painted. */
void    bench_frames_next      (GtkWidget *widget);
/* While recording, the time between painted frames is kept (ms). */
void    bench_frames_record    (gboolean   recording);
/* The times kept. Borrowed. */
GArray *bench_frames_get_times (void);
/* The @p-th fraction (0 to 1) of @values (double), which it sorts. */
double  bench_percentile       (GArray    *values,
                                double     p);
double  bench_ms_since         (gint64     start);

/* clang-format on */

G_END_DECLS
