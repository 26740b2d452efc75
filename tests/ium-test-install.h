/* ium-test-install.h: the harness of the install suite: the staged install, running tools,
 * and what the staged `ium` says about its commands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ium-test-cli.h"

G_BEGIN_DECLS

/* One command as `ium --help` and `ium COMMAND --help` describe it. */
typedef struct
{
  char      *name;    /* owned: "import", "version compare" */
  char      *usage;   /* owned: "import FILE", as the list of commands shows it */
  GPtrArray *options; /* owned, of owned strings: the command's own options as its help
                         writes them ("--replace", "-o, --output=FILE"), without the global
                         and help options */
} HelpCommand;

/* clang-format off */
/* The value of a variable tests/meson.build sets (IUM_PREFIX, IUM_BINDIR, ...); asserts that
 * it is set. */
const char  *install_env          (const char         *name);
/* Installs the build tree into a temporary DESTDIR the first time it is called. FALSE, with
 * the test failed and meson's output in the message, when that does not work. Afterwards the
 * harness's run_ium() runs the staged ium. */
gboolean     install_stage        (void);
/* Removes the staged tree; main calls it after the tests. */
void         install_stage_remove (void);
/* The staged path of @relative (may be NULL) below the installation directory that
 * @dir_variable names (IUM_BINDIR, ...; relative ones are below IUM_PREFIX). Owned. */
char        *staged_path          (const char         *dir_variable,
                                   const char         *relative);
/* The temporary DESTDIR. */
const char  *staged_root          (void);
/* The full path of @program, or NULL with the test failed and a message naming the Debian
 * @package (which build-aux/deps.sh installs). Owned. */
char        *need_program         (const char         *program,
                                   const char         *package);
/* Runs @argv with the NULL-terminated "NAME=VALUE" strings of @env added to (or, with an
 * empty value, overriding) the environment, and LC_ALL=C.UTF-8. */
Result       run_tool             (const char * const *env,
                                   const char * const *argv);
/* Asserts that @r exited 0 and wrote nothing to stderr, and clears it. */
void         assert_clean_exit    (Result             *r);
/* The languages of po/LINGUAS. Owned. */
GStrv        read_linguas         (void);
/* Every command of the staged ium, with its options: element-type HelpCommand. Owned. */
GPtrArray   *help_commands        (void);
void         help_command_free    (HelpCommand        *command);
/* The option names in a help spec: "-o, --output=FILE" gives -o and --output. Owned. */
GStrv        help_option_names    (const char         *spec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HelpCommand, help_command_free)

#define ENV(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define RUN(env, ...) run_tool ((env), (const char * const[]) { __VA_ARGS__, NULL })

void install_add_man_tests        (void);
void install_add_completion_tests (void);
void install_add_systemd_tests    (void);
/* clang-format on */

G_END_DECLS
