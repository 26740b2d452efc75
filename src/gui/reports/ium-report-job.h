/* ium-report-job.h: the reports view's work off the main thread: laying a report out on pages
 * and writing it to a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-report-pages.h"

G_BEGIN_DECLS

/* clang-format off */

/* Lays @report out on A4 pages on a worker thread. The pages get a font map of their own, so
 * that the main thread may draw them (and only it) while other workers draw other reports.
 * Finish gives the IumReportPages, owned, or NULL with G_IO_ERROR_CANCELLED or
 * IUM_REPORT_ERROR. */
void            ium_report_job_layout_async  (IumReport            *report,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
IumReportPages *ium_report_job_layout_finish (GAsyncResult         *result,
                                              GError              **error);

/* Writes @report in @format to @file (a local file) on a worker thread, atomically
 * (ium_report_save()): an error leaves no partial file and an existing one unchanged. */
void            ium_report_job_save_async    (IumReport            *report,
                                              IumReportFormat       format,
                                              GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        ium_report_job_save_finish   (GAsyncResult         *result,
                                              GError              **error);

/* Drops a reference to @object (laid out pages, a report) on a worker thread: freeing the
 * pages of a large report takes long enough to show as a stall on the main thread. The caller
 * must hold the last reference that any thread uses. */
void            ium_report_job_unref_in_thread (gpointer             object);

/* The file name a report of @report in @format is offered under: "report-12.3.2.380.pdf".
 * Owned. */
char           *ium_report_job_dup_file_name (IumReport            *report,
                                              IumReportFormat       format);

/* clang-format on */

G_END_DECLS
